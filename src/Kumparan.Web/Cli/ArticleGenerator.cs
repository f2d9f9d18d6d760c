using System.Globalization;
using System.Text;

namespace Kumparan.Web.Cli;

public sealed record GeneratedArticle(string Channel, string Slug, string Text, int Words);

/// <summary>Deterministic Indonesian-like news articles: a seeded random walk over a newsroom's vocabulary.</summary>
public sealed class ArticleGenerator(int seed)
{
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 6, 0, 0, TimeSpan.FromHours(7));

    private static readonly string[] Subjects =
    [
        "pemerintah", "warga", "petani", "nelayan", "pedagang", "mahasiswa", "polisi", "tim SAR", "Kementerian Keuangan",
        "Bank Indonesia", "DPR", "gubernur", "bupati", "pelatih", "para pemain", "perusahaan rintisan", "pengemudi ojek",
        "orang tua", "guru", "dokter", "peneliti", "wisatawan", "investor", "pelaku UMKM", "BMKG", "Basarnas",
    ];

    private static readonly string[] Verbs =
    [
        "menyampaikan", "mengumumkan", "menegaskan", "meminta", "menyiapkan", "membahas", "meninjau", "mengevaluasi",
        "mendorong", "menargetkan", "mencatat", "melaporkan", "menolak", "mendukung", "mempercepat", "menunda",
        "memperluas", "menurunkan", "menaikkan", "mengimbau",
    ];

    private static readonly string[] Objects =
    [
        "harga bahan pokok", "anggaran daerah", "program bantuan sosial", "jalur transportasi umum", "kebijakan impor",
        "pembangunan jalan tol", "layanan kesehatan", "kurikulum sekolah", "produksi beras", "ekspor kopi",
        "penyaluran pupuk", "tarif listrik", "kuota haji", "jadwal pertandingan", "sistem pembayaran digital",
        "pengelolaan sampah", "perlindungan data pribadi", "kendaraan listrik", "cadangan devisa", "harga tiket pesawat",
    ];

    private static readonly string[] Places =
    [
        "Jakarta", "Surabaya", "Bandung", "Medan", "Makassar", "Semarang", "Yogyakarta", "Denpasar", "Palembang",
        "Balikpapan", "Manado", "Pontianak", "Kupang", "Jayapura", "Padang", "Mataram", "Ambon", "Banda Aceh",
    ];

    private static readonly string[] Fillers =
    [
        "dalam beberapa pekan terakhir", "sejak awal tahun", "menurut data terbaru", "di tengah ketidakpastian global",
        "setelah rapat koordinasi", "pada Selasa (12/3)", "hingga akhir bulan ini", "secara bertahap", "di sejumlah daerah",
        "dengan melibatkan masyarakat", "meski masih ada kendala", "untuk pertama kalinya", "sesuai arahan presiden",
    ];

    private static readonly string[] Names =
    [
        "Andi Saputra", "Siti Rahmawati", "Budi Santoso", "Dewi Lestari", "Rizky Pratama", "Nur Aini", "Agus Setiawan",
        "Rina Kartika", "Fajar Nugroho", "Intan Permata", "Yusuf Hidayat", "Maya Anggraini", "Hendra Wijaya", "Putri Ayu",
    ];

    private static readonly string[] Roles =
    [
        "Kepala Dinas", "Direktur Utama", "pengamat ekonomi", "Ketua Komisi", "juru bicara", "peneliti senior", "Wakil Menteri",
    ];

    private static readonly string[] Topics =
    [
        "Ekonomi", "Politik", "Pendidikan", "Kesehatan", "Transportasi Publik", "Pangan", "Energi", "Timnas Indonesia",
        "Startup", "Cuaca Ekstrem", "Pariwisata Daerah", "Kuliner Nusantara", "Kendaraan Listrik", "Perbankan", "Pemilu",
        "Bencana Alam", "Teknologi", "Lingkungan", "Hukum", "Olahraga", "Musik Indonesia", "Film", "Keluarga", "Astronomi",
    ];

    private readonly Random _random = new(seed);

    public GeneratedArticle Next(int index, IReadOnlyList<string> channels)
    {
        var channel = channels[_random.Next(channels.Count)];
        var place = Pick(Places);
        var title = Capitalize($"{Pick(Subjects)} {place} {Pick(Verbs)} {Pick(Objects)} {Pick(Fillers)}");
        var slug = Slugify(title) + "-" + index.ToString(CultureInfo.InvariantCulture);
        // Distinct publication times give distinct ids (the id is made from the time).
        var date = Start.AddMinutes((index * 60) + _random.Next(60)).AddSeconds(index % 60);
        var target = 100 + (int)(1400 * Math.Pow(_random.NextDouble(), 3));

        var text = new StringBuilder(target * 8);
        text.Append("---\n");
        text.Append("title: \"").Append(title).Append("\"\n");
        text.Append("channel: ").Append(channel).Append('\n');
        text.Append("date: ").Append(date.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)).Append('\n');
        var authors = Enumerable.Range(0, 1 + _random.Next(2)).Select(_ => Pick(Names)).Distinct().ToList();
        text.Append("authors: [").AppendJoin(", ", authors).Append("]\n");
        var topics = Enumerable.Range(0, 2 + _random.Next(3)).Select(_ => Pick(Topics)).Distinct().ToList();
        text.Append("topics: [").AppendJoin(", ", topics).Append("]\n");
        if (_random.Next(4) == 0)
        {
            text.Append("source: Antara\n");
        }

        text.Append("---\n\n");
        var words = 0;
        words += Paragraph(text, $"{place.ToUpperInvariant()}, kumparan -");
        for (var block = 1; words < target; block++)
        {
            words += (block % 5, _random.Next(6)) switch
            {
                (0, _) => Heading(text),
                (_, 0) => List(text),
                (_, 1) => Quote(text),
                _ => Paragraph(text, null),
            };
        }

        return new GeneratedArticle(channel, slug, text.ToString(), words);
    }

    private int Paragraph(StringBuilder text, string? dateline)
    {
        var words = 0;
        if (dateline is not null)
        {
            text.Append(dateline).Append(' ');
            words += 3;
        }

        var sentences = 2 + _random.Next(3);
        for (var i = 0; i < sentences; i++)
        {
            words += Sentence(text);
            text.Append(i + 1 < sentences ? " " : "\n\n");
        }

        return words;
    }

    private int Sentence(StringBuilder text)
    {
        var sentence = _random.Next(7) switch
        {
            0 => $"Menurut {Pick(Roles)} {Pick(Names)}, {Pick(Subjects)} akan {Pick(Verbs)} {Pick(Objects)} {Pick(Fillers)}.",
            1 => $"Nilainya diperkirakan mencapai Rp {_random.Next(2, 900)} miliar, naik {_random.Next(2, 40)} persen dibanding tahun lalu.",
            2 => $"Informasi lengkap tersedia di [situs resmi](https://www.indonesia.go.id/berita/{_random.Next(1000, 9999)}) dan kanal media sosial instansi terkait.",
            3 => $"Di {Pick(Places)}, **{Pick(Subjects)}** juga {Pick(Verbs)} {Pick(Objects)} {Pick(Fillers)}.",
            _ => Capitalize($"{Pick(Subjects)} {Pick(Verbs)} {Pick(Objects)} {Pick(Fillers)}, sementara {Pick(Subjects)} {Pick(Verbs)} {Pick(Objects)}."),
        };
        text.Append(sentence);
        return sentence.Count(c => c == ' ') + 1;
    }

    private int Heading(StringBuilder text)
    {
        var heading = Capitalize($"{Pick(Objects)} di {Pick(Places)}");
        text.Append("## ").Append(heading).Append("\n\n");
        return heading.Count(c => c == ' ') + 1;
    }

    private int List(StringBuilder text)
    {
        var words = 0;
        text.Append("Beberapa poin yang disampaikan:\n\n");
        for (var i = 0; i < 3 + _random.Next(3); i++)
        {
            var item = Capitalize($"{Pick(Objects)} {Pick(Fillers)}");
            text.Append("- ").Append(item).Append('\n');
            words += item.Count(c => c == ' ') + 1;
        }

        text.Append('\n');
        return words + 4;
    }

    private int Quote(StringBuilder text)
    {
        var quote = Capitalize($"kami akan terus {Pick(Verbs)} {Pick(Objects)} {Pick(Fillers)}, karena ini menyangkut kepentingan {Pick(Subjects)}");
        text.Append("> \"").Append(quote).Append(".\"\n\n");
        text.Append("Hal itu disampaikan ").Append(Pick(Roles)).Append(' ').Append(Pick(Names)).Append(" kepada wartawan.\n\n");
        return quote.Count(c => c == ' ') + 1 + 8;
    }

    private string Pick(string[] words) => words[_random.Next(words.Length)];

    private static string Capitalize(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private static string Slugify(string title)
    {
        var slug = new StringBuilder(title.Length);
        foreach (var c in title.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        return slug.ToString().Trim('-');
    }
}
