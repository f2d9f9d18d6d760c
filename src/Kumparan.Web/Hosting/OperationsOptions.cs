namespace Kumparan.Web.Hosting;

/// <summary>The operator's settings of the <c>Kumparan</c> section: /metrics and how the site stops.</summary>
public sealed class OperationsOptions
{
    public const string Section = "Kumparan";

    public MetricsOptions Metrics { get; set; } = new();

    /// <summary>How long requests in flight may take to finish once the server stops accepting connections.</summary>
    public double ShutdownSeconds { get; set; } = 20;

    /// <summary>
    /// How long the site keeps serving after it is told to stop, with /readyz answering 503, before the
    /// server stops accepting: long enough for a load balancer's health checks to take the node out.
    /// </summary>
    public double DrainSeconds { get; set; }
}

public sealed class MetricsOptions
{
    /// <summary>Serve /metrics (Prometheus text) and collect what it shows.</summary>
    public bool Enabled { get; set; } = true;
}
