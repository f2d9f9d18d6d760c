using Microsoft.Extensions.Options;

namespace Kumparan.Web.Hosting;

/// <summary>
/// On SIGTERM the host signals that it is stopping (/readyz answers 503 from then on), runs this, and
/// only then stops the server, which accepts no more connections and gives requests in flight up to
/// <see cref="OperationsOptions.ShutdownSeconds"/> to finish. Waiting <see cref="OperationsOptions.DrainSeconds"/>
/// here lets a load balancer see the 503 and send readers elsewhere while this node still answers them.
/// </summary>
internal sealed partial class ShutdownDrain(IOptions<OperationsOptions> options, ILogger<ShutdownDrain> logger) : IHostedLifecycleService
{
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        var drain = TimeSpan.FromSeconds(options.Value.DrainSeconds);
        if (drain <= TimeSpan.Zero)
        {
            return;
        }

        LogDraining(drain.TotalSeconds);
        try
        {
            await Task.Delay(drain, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout ran out first: stop now.
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: serving {Seconds:0.#} s more while /readyz answers 503")]
    private partial void LogDraining(double seconds);
}
