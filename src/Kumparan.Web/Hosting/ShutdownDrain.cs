using Microsoft.Extensions.Options;

namespace Kumparan.Web.Hosting;

/// <summary>
/// When the host stops, this runs before the server stops: it signals that the application is stopping
/// (/readyz answers 503 from then on) and waits <see cref="OperationsOptions.DrainSeconds"/>, so a load
/// balancer sees the 503 and sends readers elsewhere while this node still answers them. Then the server
/// accepts no more connections and gives requests in flight up to <see cref="OperationsOptions.ShutdownSeconds"/>.
/// </summary>
internal sealed partial class ShutdownDrain(IOptions<OperationsOptions> options, IHostApplicationLifetime lifetime, ILogger<ShutdownDrain> logger)
    : IHostedLifecycleService
{
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        // SIGTERM has already signalled it; a host stopped from code signals it only after this step.
        lifetime.StopApplication();
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
