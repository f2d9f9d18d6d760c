using System.Globalization;
using System.Text;

namespace Kumparan.Web.Cli;

public sealed record GeneratedArticle(string Channel, string Slug, string Text, int Words, IReadOnlyList<string> Authors, IReadOnlyList<string> Topics);

/// <summary>
/// Deterministic Indonesian-like news articles: a seeded random walk over a newsroom's vocabulary.
/// By default article i is dated in hour i from 2024-01-01 and has 2-4 of 24 topics and 1-2 of 14
/// authors, all equally likely. <paramref name="until"/> dates article i exactly
/// <c>until - i * everyMinutes</c> instead (an archive published backwards from that time);
/// <paramref name="skew"/> draws topics and authors as a newsroom's archive has them (see
/// <see cref="ArchiveTopics"/> and <see cref="ArchiveAuthors"/>) and ends each article with a line
/// naming its topics, so that the rare ones are rare words for search too.
/// </summary>
public sealed class ArticleGenerator(int seed, DateTimeOffset? until = null, int everyMinutes = 5, bool skew = false)
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

    // Archive topics: the 24 above first, then "{theme} {region}" (40 x 100), region by region, so
    // the last regions are rare words. Drawn with exponent 1.04: the first topic is 1 draw in 8, in a
    // third of all articles; the 4,024th about 1 draw in 40,000 (at 1,000,000 articles each topic is
    // drawn some 70 times or more).
    private static readonly string[] Themes =
    [
        "Banjir", "Gempa", "Pilkada", "Harga Cabai", "Kemacetan", "Festival Budaya", "Sepak Bola", "Kebakaran Hutan", "UMKM",
        "Wisata", "Kuliner", "Pelabuhan", "Bandara", "Pasar Tradisional", "Sekolah", "Rumah Sakit", "Jalan Tol", "Kereta Api",
        "Pertanian", "Perikanan", "Tambang", "Investasi", "Pajak Daerah", "Korupsi", "Narkoba", "Demo Buruh", "Upah Minimum",
        "Stunting", "Vaksinasi", "Sampah", "Polusi Udara", "Air Bersih", "Pemadaman Listrik", "Perumahan", "Pemekaran Wilayah",
        "Seni Tradisional", "Konser Musik", "Kriminal", "Lalu Lintas", "Angkutan Mudik",
    ];

    private static readonly string[] Regions =
    [
        "Bogor", "Depok", "Bekasi", "Tangerang", "Cirebon", "Tasikmalaya", "Garut", "Sukabumi", "Karawang", "Purwakarta",
        "Cianjur", "Subang", "Indramayu", "Kuningan", "Majalengka", "Sumedang", "Banyumas", "Cilacap", "Tegal", "Pekalongan",
        "Kudus", "Jepara", "Pati", "Rembang", "Blora", "Klaten", "Boyolali", "Sragen", "Wonogiri", "Magelang",
        "Temanggung", "Wonosobo", "Purworejo", "Kebumen", "Malang", "Kediri", "Blitar", "Madiun", "Jember", "Banyuwangi",
        "Situbondo", "Probolinggo", "Pasuruan", "Sidoarjo", "Mojokerto", "Jombang", "Tuban", "Lamongan", "Gresik", "Bangkalan",
        "Sumenep", "Pamekasan", "Lumajang", "Bondowoso", "Ngawi", "Ponorogo", "Pacitan", "Trenggalek", "Tulungagung", "Nganjuk",
        "Bojonegoro", "Serang", "Cilegon", "Pandeglang", "Lebak", "Bengkulu", "Jambi", "Pekanbaru", "Dumai", "Batam",
        "Tanjungpinang", "Pangkalpinang", "Belitung", "Lubuklinggau", "Prabumulih", "Bukittinggi", "Payakumbuh", "Sibolga", "Binjai", "Langsa",
        "Lhokseumawe", "Sabang", "Singkawang", "Ketapang", "Sintang", "Palangkaraya", "Banjarmasin", "Samarinda", "Tarakan", "Gorontalo",
        "Palu", "Kendari", "Palopo", "Ternate", "Sorong", "Manokwari", "Merauke", "Bima", "Maumere", "Wakatobi",
    ];

    private static readonly ZipfNames ArchiveTopics = new(
        [.. Topics, .. Enumerable.Range(0, Themes.Length * Regions.Length).Select(i => $"{Themes[i % Themes.Length]} {Regions[i / Themes.Length]}")],
        1.04);

    // Archive authors: 40 x 20 names, drawn with exponent 0.8: the first is 1 draw in 15 (1-2 authors an
    // article: 1 article in 10), the 800th 1 draw in 3,000 (some 500 articles at 1,000,000).
    private static readonly string[] GivenNames =
    [
        "Ahmad", "Ayu", "Bagus", "Bayu", "Citra", "Dian", "Dimas", "Eka", "Fikri", "Galih", "Gita", "Hana", "Ilham", "Indah",
        "Joko", "Kartika", "Lina", "Made", "Nadia", "Nanda", "Novi", "Okta", "Puspa", "Raka", "Ratna", "Reza", "Sari", "Tika",
        "Umar", "Wahyu", "Wulan", "Yoga", "Yudi", "Zahra", "Arief", "Bella", "Dwi", "Fitri", "Hadi", "Irfan",
    ];

    private static readonly string[] FamilyNames =
    [
        "Pratama", "Saputra", "Wijaya", "Lestari", "Hidayat", "Nugroho", "Santoso", "Kurniawan", "Rahayu", "Permana",
        "Setiawan", "Utami", "Siregar", "Nasution", "Harahap", "Simanjuntak", "Hutapea", "Wibowo", "Susanto", "Gunawan",
    ];

    // Rank r: given name r mod 40, family name shifted by it, so that all 800 pairs are distinct and the
    // most prolific authors do not share a given name.
    private static readonly ZipfNames ArchiveAuthors = new(
        [.. Enumerable.Range(0, GivenNames.Length * FamilyNames.Length).Select(r =>
            $"{GivenNames[r % GivenNames.Length]} {FamilyNames[((r / GivenNames.Length) + (r % GivenNames.Length)) % FamilyNames.Length]}")],
        0.8);

    private readonly Random _random = new(seed);

    public GeneratedArticle Next(int index, IReadOnlyList<string> channels)
    {
        var channel = channels[_random.Next(channels.Count)];
        var place = Pick(Places);
        var title = Capitalize($"{Pick(Subjects)} {place} {Pick(Verbs)} {Pick(Objects)} {Pick(Fillers)}");
        var slug = Slugify(title) + "-" + index.ToString(CultureInfo.InvariantCulture);
        // Distinct publication times give distinct ids (the id is made from the time).
        var date = until is { } last
            ? last.AddTicks(-index * everyMinutes * TimeSpan.TicksPerMinute)
            : Start.AddMinutes((index * 60) + _random.Next(60)).AddSeconds(index % 60);
        var target = 100 + (int)(1400 * Math.Pow(_random.NextDouble(), 3));

        var text = new StringBuilder(target * 8);
        text.Append("---\n");
        text.Append("title: \"").Append(title).Append("\"\n");
        text.Append("channel: ").Append(channel).Append('\n');
        text.Append("date: ").Append(date.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)).Append('\n');
        var authors = Enumerable.Range(0, 1 + _random.Next(2)).Select(_ => skew ? ArchiveAuthors.Pick(_random) : Pick(Names)).Distinct().ToList();
        text.Append("authors: [").AppendJoin(", ", authors).Append("]\n");
        var topics = Enumerable.Range(0, 2 + _random.Next(3)).Select(_ => skew ? ArchiveTopics.Pick(_random) : Pick(Topics)).Distinct().ToList();
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

        if (skew)
        {
            text.Append("Simak liputan lainnya tentang ").AppendJoin(", ", topics).Append(".\n");
            words += 4 + topics.Sum(t => t.Count(c => c == ' ') + 1);
        }

        return new GeneratedArticle(channel, slug, text.ToString(), words, authors, topics);
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

/// <summary>Names drawn by Zipf's law: the name of rank r (from 1) with a probability proportional to 1 / r^exponent.</summary>
internal sealed class ZipfNames
{
    private readonly string[] _names;
    private readonly double[] _cumulative;

    public ZipfNames(string[] names, double exponent)
    {
        _names = names;
        _cumulative = new double[names.Length];
        var total = 0.0;
        for (var r = 0; r < names.Length; r++)
        {
            total += Math.Pow(r + 1, -exponent);
            _cumulative[r] = total;
        }

        for (var r = 0; r < names.Length; r++)
        {
            _cumulative[r] /= total;
        }

        _cumulative[^1] = 1.0;
    }

    public string Pick(Random random)
    {
        var found = Array.BinarySearch(_cumulative, random.NextDouble());
        return _names[found >= 0 ? found : ~found];
    }
}
