namespace Kumparan.BrowserTests.Support;

/// <summary>Debian's Chromium, the only browser these tests drive (never a downloaded build).</summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static readonly string[] Args =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    public static bool IsInstalled => File.Exists(ExecutablePath);

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public const string MissingMessage =
        "Chromium is not installed at /usr/bin/chromium. Install it with `apt-get install -y chromium` " +
        "(.ci/run does this in CI); the browser tests never download a browser.";

    /// <summary>
    /// Skip reason for a developer's machine without Chromium. In CI there is none: the test runs
    /// and fails with <see cref="MissingMessage"/>, because a skipped browser check proves nothing.
    /// </summary>
    public static string? SkipReason => IsInstalled || InCi ? null : MissingMessage;
}

/// <summary>A fact that needs Chromium: skipped with a clear reason on a developer's machine without it, failed in CI.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute() => Skip = Chromium.SkipReason;
}

/// <summary>A theory that needs Chromium: skipped with a clear reason on a developer's machine without it, failed in CI.</summary>
public sealed class ChromiumTheoryAttribute : TheoryAttribute
{
    public ChromiumTheoryAttribute() => Skip = Chromium.SkipReason;
}
