using System.Diagnostics;

namespace Kumparan.Tests.Support;

/// <summary>
/// Debian's PostgreSQL server programs (<c>/usr/lib/postgresql/&lt;major&gt;/bin</c>, the highest major
/// installed). initdb and pg_ctl refuse to run as root, so when the tests run as root they run as the
/// <c>postgres</c> user the Debian package creates.
/// </summary>
internal sealed class PostgresPrograms
{
    private const string Installed = "/usr/lib/postgresql";

    private PostgresPrograms(string bin, int major)
    {
        Bin = bin;
        Major = major;
    }

    public string Bin { get; }

    public int Major { get; }

    public static bool AsPostgresUser { get; } = Environment.UserName == "root" || EffectiveUserId() == "0";

    public static PostgresPrograms Find()
    {
        var majors = Directory.Exists(Installed)
            ? Directory.EnumerateDirectories(Installed)
                .Select(folder => int.TryParse(Path.GetFileName(folder), out var major) ? major : 0)
                .Where(major => major > 0 && File.Exists(Path.Combine(Installed, $"{major}", "bin", "initdb")))
                .ToList()
            : [];
        if (majors.Count == 0)
        {
            throw new InvalidOperationException(
                $"PostgreSQL's server programs were not found ({Installed}/<major>/bin/initdb). The PostgreSQL tests "
                + "start a private server of their own from Debian's package; install it with: apt-get install -y postgresql");
        }

        var highest = majors.Max();
        return new PostgresPrograms(Path.Combine(Installed, $"{highest}", "bin"), highest);
    }

    /// <summary>The command line that runs one of the programs, as postgres when the tests run as root.</summary>
    public IReadOnlyList<string> Command(string program, params string[] arguments) =>
        AsPostgresUser
            ? ["runuser", "-u", "postgres", "--", Path.Combine(Bin, program), .. arguments]
            : [Path.Combine(Bin, program), .. arguments];

    /// <summary>Runs a program to its end; its output is in the exception when it fails.</summary>
    public Task RunAsync(string program, params string[] arguments) => RunAsync(Command(program, arguments));

    public void Run(string program, params string[] arguments) => RunAsync(program, arguments).GetAwaiter().GetResult();

    public static async Task RunAsync(IReadOnlyList<string> command)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"`{string.Join(' ', command)}` exited with {process.ExitCode}:\n{await output}{await errors}");
        }
    }

    /// <summary>The second of the four ids on the "Uid:" line of /proc/self/status (real, effective, saved, file system).</summary>
    private static string EffectiveUserId() =>
        File.ReadLines("/proc/self/status").First(line => line.StartsWith("Uid:", StringComparison.Ordinal))
            .Split('\t', StringSplitOptions.RemoveEmptyEntries)[2];
}
