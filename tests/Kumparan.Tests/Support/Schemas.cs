using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace Kumparan.Tests.Support;

/// <summary>The sitemap schemas (copies of shared/schemas in Fixtures/schemas), checked with .NET's XmlSchemaSet.</summary>
public static class Schemas
{
    public const string SiteIndex = "siteindex.xsd";

    public const string Sitemap = "sitemap.xsd";

    public const string NewsSitemap = "news-sitemap-check.xsd";

    /// <summary>Validates the XML against the schema file; returns every error with its line (empty when valid).</summary>
    public static IReadOnlyList<string> Validate(string xml, string schemaFile)
    {
        var set = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
        set.Add(null, Path.Combine(AppContext.BaseDirectory, "Fixtures", "schemas", schemaFile));
        set.Compile();
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = set };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity} line {e.Exception.LineNumber}: {e.Message}");
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read())
        {
        }

        return errors;
    }

    public static XDocument Parse(string xml) => XDocument.Parse(xml, LoadOptions.SetLineInfo);
}
