namespace Kumparan.BrowserTests.Support;

/// <summary>The pages a reader meets, each with the status it must answer.</summary>
public static class SitePages
{
    public const string SeedArticle = "/kumparannews/pasukan-korut-dilaporkan-tak-lagi-bantu-rusia-berperang-sejak-januari-24R1wPK1UUi";

    public static readonly IReadOnlyDictionary<string, (string Path, int Status)> All = new Dictionary<string, (string, int)>
    {
        ["home"] = ("/", 200),
        ["article"] = (SeedArticle, 200),
        ["channel"] = ("/kumparannews", 200),
        ["search"] = ("/search?q=korut", 200),
        ["footer"] = ("/tentang-kami", 200),
        ["not-found"] = ("/halaman-yang-tidak-ada/sama-sekali", 404),
    };

    public static readonly string[] Screens = [Screen.Phone.Name, Screen.Laptop.Name];

    /// <summary>Every page at every screen: the rows of the page theories.</summary>
    public static TheoryData<string, string> EveryPageAtEveryScreen()
    {
        var data = new TheoryData<string, string>();
        foreach (var page in All.Keys)
        {
            foreach (var screen in Screens)
            {
                data.Add(page, screen);
            }
        }

        return data;
    }
}
