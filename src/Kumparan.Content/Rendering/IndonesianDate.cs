using System.Globalization;

namespace Kumparan.Content.Rendering;

/// <summary>Dates as Indonesian readers see them: Asia/Jakarta (WIB, UTC+7, no daylight saving), 24 h.</summary>
public static class IndonesianDate
{
    public static readonly TimeSpan Wib = TimeSpan.FromHours(7);

    private static readonly string[] Months =
    [
        "Januari", "Februari", "Maret", "April", "Mei", "Juni",
        "Juli", "Agustus", "September", "Oktober", "November", "Desember",
    ];

    public static DateTimeOffset ToWib(DateTimeOffset time) => time.ToOffset(Wib);

    /// <summary>"4 Februari 2025 13:05 WIB".</summary>
    public static string Format(DateTimeOffset time)
    {
        var wib = ToWib(time);
        return string.Create(CultureInfo.InvariantCulture, $"{wib.Day} {Months[wib.Month - 1]} {wib.Year} {wib:HH:mm} WIB");
    }

    /// <summary>"4 Februari 2025".</summary>
    public static string FormatDay(DateTimeOffset time)
    {
        var wib = ToWib(time);
        return string.Create(CultureInfo.InvariantCulture, $"{wib.Day} {Months[wib.Month - 1]} {wib.Year}");
    }

    /// <summary>The value of a <c>time</c> element's <c>datetime</c>: "2025-02-04T13:05:00+07:00".</summary>
    public static string ToIso(DateTimeOffset time) =>
        ToWib(time).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
