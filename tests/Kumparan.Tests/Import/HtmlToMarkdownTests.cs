using Kumparan.Content.Import;

namespace Kumparan.Tests.Import;

/// <summary>WordPress post content → Markdown, judged by what the site then shows a reader.</summary>
public sealed class HtmlToMarkdownTests
{
    private const string Classic =
        "Presiden meresmikan jalan tol baru\npada Senin pagi.\n\nPeresmian dihadiri <strong>menteri</strong> dan <em>gubernur</em>.\n\n\n\nWarga menyambut gembira.";

    private const string BlockEditor =
        "<!-- wp:paragraph -->\n<p>Presiden meresmikan jalan tol baru<br>pada Senin pagi.</p>\n<!-- /wp:paragraph -->\n\n"
        + "<!-- wp:paragraph -->\n<p>Peresmian dihadiri <strong>menteri</strong> dan <em>gubernur</em>.</p>\n<!-- /wp:paragraph -->\n\n"
        + "<!-- wp:paragraph -->\n<p>Warga menyambut\ngembira.</p>\n<!-- /wp:paragraph -->";

    [Fact]
    public void ClassicBlankLinesMakeParagraphsAndASingleNewlineMakesALineBreak()
    {
        var post = ShownPost.Of(Classic);

        Assert.Equal(["Presiden meresmikan jalan tol baru pada Senin pagi.", "Peresmian dihadiri menteri dan gubernur.", "Warga menyambut gembira."], post.Texts("p"));
        var first = post.All("p")[0];
        Assert.Single(first.QuerySelectorAll("br"));
        Assert.Equal("Presiden meresmikan jalan tol baru", first.FirstChild!.TextContent);
        Assert.Empty(post.Warnings);
    }

    [Fact]
    public void ABlockEditorPostShowsTheSameAsItsClassicTwin()
    {
        var classic = ShownPost.Of(Classic);
        var blocks = ShownPost.Of(BlockEditor);

        Assert.Equal(classic.Page.Body!.InnerHtml, blocks.Page.Body!.InnerHtml);
    }

    [Fact]
    public void InBlockEditorContentANewlineIsOnlyASpace()
    {
        var post = ShownPost.Of(BlockEditor);

        Assert.Equal("Warga menyambut gembira.", post.Texts("p")[2]);
        Assert.Empty(post.All("p")[2].QuerySelectorAll("br"));
    }

    [Fact]
    public void TwoLineBreaksInARowStartANewParagraphAndTrailingBreaksVanish()
    {
        var post = ShownPost.Of("<p>Satu<br /><br />Dua<br>tiga<br></p>");

        Assert.Equal(["Satu", "Dua tiga"], post.Texts("p"));
        Assert.Single(post.All("br"));
        Assert.DoesNotContain("\\\n\n", post.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void NoBreakSpacesCollapseLikeSpacesAndASpacerParagraphVanishes()
    {
        var post = ShownPost.Of("<p>Harga&nbsp;&nbsp;naik&nbsp;</p><p>&nbsp;</p><p> &nbsp; </p><p>Turun lagi.</p>");

        Assert.Equal(["Harga naik", "Turun lagi."], post.Texts("p"));
        Assert.Equal("Harga naik\n\nTurun lagi.", post.Markdown);
    }

    [Fact]
    public void BlockCommentsMoreAndNextPageLeaveNothingBehind()
    {
        var post = ShownPost.Of("<!-- wp:paragraph --><p>Awal.</p><!-- /wp:paragraph --><!-- wp:more --><!--more--><!-- /wp:more --><!--nextpage--><!-- wp:paragraph --><p>Akhir.</p><!-- /wp:paragraph -->");

        Assert.Equal(["p", "p"], post.Blocks);
        Assert.Equal("Awal. Akhir.", post.Text);
    }

    [Fact]
    public void BoldItalicAndStruckTextKeepTheirLookAndWords()
    {
        var post = ShownPost.Of("<p><b>Tebal</b> <strong>kuat</strong> <i>miring</i> <em>tekan</em> <del>hapus</del> <s>coret</s> <strike>lama</strike> <u>garis</u> <sup>2</sup> <span style=\"color:red\">merah</span> <font face=\"Arial\">huruf</font> <mark>tanda</mark></p>");

        Assert.Equal(["Tebal", "kuat"], post.Texts("strong"));
        Assert.Equal(["miring", "tekan"], post.Texts("em"));
        Assert.Equal(["hapus", "coret", "lama"], post.Texts("del"));
        Assert.Equal("Tebal kuat miring tekan hapus coret lama garis 2 merah huruf tanda", post.Text);
        Assert.Empty(post.All("[style], u, font, span, mark, sup"));
    }

    [Fact]
    public void EmphasisCommonMarkCannotCloseIsLeftOutButItsWordsStay()
    {
        var post = ShownPost.Of("<p>kata<strong>\"Jokowi\"</strong>nya, <b>satu</b><b>dua</b> dan <strong>spasi </strong>luar.</p>");

        Assert.Equal("kata\"Jokowi\"nya, satudua dan spasi luar.", post.Text);
        Assert.Equal(["satudua", "spasi"], post.Texts("strong"));
        Assert.DoesNotContain("*", post.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void InlineCodeKeepsBackticksInsideAndPreformattedCodeIsAFencedBlock()
    {
        var post = ShownPost.Of("<p>Ketik <code>git log `x`</code> lalu:</p><pre class=\"wp-block-code\"><code class=\"language-js\">if (a &lt; b) {\n  run(\"```\");\n}</code></pre>");

        Assert.Equal("git log `x`", post.One("p code").TextContent);
        var code = post.One("pre code");
        Assert.Equal("if (a < b) {\n  run(\"```\");\n}\n", code.TextContent);
        Assert.Equal("language-js", code.ClassName);
    }

    [Fact]
    public void HeadingsKeepTheirTextsAndOrder()
    {
        var post = ShownPost.Of("<h2>Latar <em>belakang</em></h2><p>Isi.</p><h3>Rincian #1 #</h3><h4></h4>");

        Assert.Equal(["h2", "p", "h3"], post.Blocks);
        Assert.Equal(["Latar belakang", "Rincian #1 #"], post.Texts("h2, h3"));
    }

    [Fact]
    public void AHorizontalRuleIsAThematicBreakNotAHeadingUnderline()
    {
        var post = ShownPost.Of("Paragraf sebelum.\n<hr />\nParagraf sesudah.");

        Assert.Equal(["p", "hr", "p"], post.Blocks);
        Assert.Empty(post.All("h2"));
    }

    [Fact]
    public void ListsNestAndANumberedListKeepsItsStart()
    {
        var post = ShownPost.Of("<ul>\n<li>Satu\n<ul>\n<li>Satu A</li>\n<li>Satu B</li>\n</ul>\n</li>\n<li>Dua</li>\n</ul>\n<ol start=\"3\"><li>Tiga</li><li>Empat</li></ol>");

        Assert.Equal(["Satu A", "Satu B"], post.Texts("ul > li > ul > li"));
        Assert.Equal(2, post.All("body > ul > li").Count);
        Assert.Equal("3", post.One("ol").GetAttribute("start"));
        Assert.Equal(["Tiga", "Empat"], post.Texts("ol > li"));
    }

    [Fact]
    public void AListItemWithTwoParagraphsStaysOneItem()
    {
        var post = ShownPost.Of("<ol><li><p>Pertama.</p><p>Lanjutan.</p></li><li>Kedua.</li></ol>");

        var items = post.All("ol > li");
        Assert.Equal(2, items.Count);
        Assert.Equal(["Pertama.", "Lanjutan."], items[0].QuerySelectorAll("p").Select(p => p.TextContent));
    }

    [Fact]
    public void TwoListsInARowStayTwoLists()
    {
        var post = ShownPost.Of("<ul><li>a</li></ul><ul><li>b</li></ul><ol><li>c</li></ol><ol><li>d</li></ol>");

        Assert.Equal(["ul", "ul", "ol", "ol"], post.Blocks);
    }

    [Fact]
    public void QuotesNestAndKeepTheirParagraphs()
    {
        var post = ShownPost.Of("<blockquote><p>Kata dia:</p><blockquote>Kutipan dalam\n\nkutipan.</blockquote></blockquote>");

        Assert.Equal(["Kata dia:"], post.Texts("body > blockquote > p"));
        Assert.Equal(["Kutipan dalam", "kutipan."], post.Texts("blockquote > blockquote > p"));
    }

    [Fact]
    public void ATweetEmbedKeepsItsQuoteTextAndLinkAndLosesItsScript()
    {
        var post = ShownPost.Of("<blockquote class=\"twitter-tweet\"><p lang=\"in\" dir=\"ltr\">Banjir di Kemang <a href=\"https://t.co/abc\">pic.twitter.com/abc</a></p>&mdash; BPBD DKI (@BPBDJakarta) <a href=\"https://twitter.com/BPBDJakarta/status/1?ref_src=twsrc%5Etfw\">May 1, 2024</a></blockquote> <script async src=\"https://platform.twitter.com/widgets.js\" charset=\"utf-8\"></script>");

        Assert.Contains("Banjir di Kemang", post.One("blockquote").TextContent, StringComparison.Ordinal);
        Assert.Equal(["https://t.co/abc", "https://twitter.com/BPBDJakarta/status/1?ref_src=twsrc%5Etfw"], post.All("blockquote a").Select(a => a.GetAttribute("href")));
        Assert.Empty(post.All("script"));
        Assert.Equal(["Dropped a <script> element."], post.Warnings);
    }

    [Fact]
    public void AnInstagramEmbedKeepsItsLinkAndLosesItsDrawing()
    {
        var post = ShownPost.Of("<blockquote class=\"instagram-media\" data-instgrm-permalink=\"https://www.instagram.com/p/C1/\" style=\"background:#FFF\"><div><a href=\"https://www.instagram.com/p/C1/\" target=\"_blank\"><div><svg width=\"50\"><g><path d=\"M1\"></path></g></svg></div><div>Lihat postingan ini di Instagram</div></a></div></blockquote><script async src=\"//www.instagram.com/embed.js\"></script>");

        Assert.Equal("https://www.instagram.com/p/C1/", post.One("blockquote a").GetAttribute("href"));
        Assert.Equal("Lihat postingan ini di Instagram", post.Text);
        Assert.Equal(["Dropped a <svg> element.", "Dropped a <script> element."], post.Warnings);
    }

    [Fact]
    public void LinksKeepTheirAddressesAndLinksToTheOldSiteBecomeLocalPaths()
    {
        var post = ShownPost.Of("<p><a href=\"https://berita.example.com/2024/05/01/slug/\">satu</a> <a href=\"https://www.berita.example.com/?p=12\">dua</a> <a href=\"https://kumparan.com/x?a=1&amp;b=2\">tiga</a> <a href=\"mailto:redaksi@example.com\">surel</a> <a href=\"/tag/banjir\">tag</a> <a name=\"atas\">jangkar</a></p>");

        Assert.Equal(["/2024/05/01/slug/", "/?p=12", "https://kumparan.com/x?a=1&b=2", "mailto:redaksi@example.com", "/tag/banjir"], post.All("a").Select(a => a.GetAttribute("href")));
        Assert.Equal("satu dua tiga surel tag jangkar", post.Text);
    }

    [Theory]
    [InlineData("javascript:alert(1)", "javascript:")]
    [InlineData("jAvAsCrIpT:alert(1)", "javascript:")]
    [InlineData("&#106;avascript:alert(1)", "javascript:")]
    [InlineData("java&#9;script:alert(1)", "javascript:")]
    [InlineData("data:text/html;base64,PHNjcmlwdD4=", "data:")]
    [InlineData("vbscript:msgbox(1)", "vbscript:")]
    public void AnUnsafeLinkLeavesItsTextAndAWarning(string href, string scheme)
    {
        var post = ShownPost.Of($"<p>Klik <a href=\"{href}\">di sini</a>.</p>");

        Assert.Empty(post.All("a"));
        Assert.Equal("Klik di sini.", post.Text);
        Assert.Equal([$"Dropped a link with an unsafe address ({scheme}); its text is kept."], post.Warnings);
    }

    [Fact]
    public void AddressesWithSpacesParenthesesAndPipesStayWhole()
    {
        var post = ShownPost.Of("<p><a href=\"https://id.wikipedia.org/wiki/Jakarta_(kota)\">a</a> <a href=\"https://a.com/berkas saya.pdf\">b</a> <a href=\"https://a.com/?q=a|b&lt;c&gt;\">c</a></p>");

        Assert.Equal(["https://id.wikipedia.org/wiki/Jakarta_(kota)", "https://a.com/berkas%20saya.pdf", "https://a.com/?q=a%7Cb%3Cc%3E"], post.All("a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public void ImagesKeepTheirAltAndRelativeSourcesGoThroughTheImageCallback()
    {
        var seen = new List<string>();
        var options = new HtmlConversionOptions
        {
            SiteUrl = ShownPost.Site,
            Image = url =>
            {
                seen.Add(url);
                return url.Contains("/wp-content/uploads/", StringComparison.Ordinal) ? "/media/wp/" + url[(url.IndexOf("uploads/", StringComparison.Ordinal) + 8)..] : null;
            },
        };

        var post = ShownPost.Of("<p><img src=\"/wp-content/uploads/2024/05/foto.jpg\" alt=\"Banjir di  Kemang\" srcset=\"a.jpg 300w\" width=\"600\"> <img src=\"https://cdn.lain.com/b.png\" alt=\"\"></p>", options);

        Assert.Equal(["https://berita.example.com/wp-content/uploads/2024/05/foto.jpg", "https://cdn.lain.com/b.png"], seen);
        Assert.Equal(["/media/wp/2024/05/foto.jpg", "https://cdn.lain.com/b.png"], post.All("img").Select(i => i.GetAttribute("src")));
        Assert.Equal("Banjir di Kemang", post.All("img")[0].GetAttribute("alt"));
        Assert.Empty(post.All("img[srcset], img[width]"));
    }

    [Fact]
    public void WithoutTheOldSitesAddressRelativeSourcesAndAbsoluteLinksStayAsTheyAre()
    {
        var post = ShownPost.Of("<p><img src=\"/wp-content/uploads/a.jpg\" alt=\"A\"> <a href=\"https://berita.example.com/2024/05/01/slug/\">lama</a></p>", new HtmlConversionOptions());

        Assert.Equal("/wp-content/uploads/a.jpg", post.One("img").GetAttribute("src"));
        Assert.Equal("https://berita.example.com/2024/05/01/slug/", post.One("a").GetAttribute("href"));
    }

    [Fact]
    public void ADataImageIsDroppedWithAWarningAndALazyLoadedImageShowsItsPicture()
    {
        var post = ShownPost.Of("<p><img src=\"data:image/gif;base64,R0lGOD\" data-src=\"https://cdn.example.com/asli.jpg\" alt=\"Asli\"><img src=\"data:image/png;base64,iVBOR\" alt=\"Tempel\"></p>");

        Assert.Equal("https://cdn.example.com/asli.jpg", post.One("img").GetAttribute("src"));
        Assert.Equal(["Dropped an image with an unsafe address (data:)."], post.Warnings);
    }

    [Fact]
    public void AnImageLinkedToItsOwnFileIsJustTheImageAndABannerLinkStaysALink()
    {
        var post = ShownPost.Of("<p><a href=\"https://berita.example.com/wp-content/uploads/2024/05/foto.jpg\"><img src=\"https://berita.example.com/wp-content/uploads/2024/05/foto-300x200.jpg\" alt=\"Foto\"></a></p><p><a href=\"https://toko.example.com/promo\"><img src=\"https://toko.example.com/banner.png\" alt=\"Promo\"></a></p>");

        Assert.Equal("/wp-content/uploads/2024/05/foto-300x200.jpg", post.All("img")[0].GetAttribute("src"));
        var link = post.One("a");
        Assert.Equal("https://toko.example.com/promo", link.GetAttribute("href"));
        Assert.Equal("Promo", link.QuerySelector("img")!.GetAttribute("alt"));
    }

    [Fact]
    public void AFigureGivesItsImageThenItsCaptionInEmphasis()
    {
        var post = ShownPost.Of("<!-- wp:image {\"id\":12} --><figure class=\"wp-block-image size-large\"><img src=\"https://cdn.example.com/a.jpg\" alt=\"Gedung DPR\" class=\"wp-image-12\"/><figcaption class=\"wp-element-caption\">Gedung DPR, <em>Senayan</em>. (Foto: Antara)</figcaption></figure><!-- /wp:image -->");

        Assert.Equal(["p", "p"], post.Blocks);
        Assert.Equal("Gedung DPR", post.One("body > p:first-child > img").GetAttribute("alt"));
        Assert.Equal("Gedung DPR, Senayan. (Foto: Antara)", post.One("body > p:last-child > em").TextContent);
    }

    [Theory]
    [InlineData("[caption id=\"attachment_12\" align=\"aligncenter\" width=\"600\"]<a href=\"https://berita.example.com/wp-content/uploads/a.jpg\"><img src=\"https://berita.example.com/wp-content/uploads/a-600x400.jpg\" alt=\"Gedung DPR\" width=\"600\" /></a> Gedung DPR di Senayan.[/caption]")]
    [InlineData("[wp_caption align='alignleft' width=600]<img src=\"https://berita.example.com/wp-content/uploads/a-600x400.jpg\" alt=\"Gedung DPR\"/>\nGedung DPR di Senayan.[/wp_caption]")]
    [InlineData("[caption id=\"\" align=\"alignnone\" width=\"600\" caption=\"Gedung DPR di &lt;b&gt;Senayan&lt;/b&gt;.\"]<img src=\"https://berita.example.com/wp-content/uploads/a-600x400.jpg\" alt=\"Gedung DPR\" />[/caption]")]
    public void ACaptionShortcodeGivesItsImageThenItsCaptionInEmphasis(string html)
    {
        var post = ShownPost.Of("Paragraf pembuka.\n\n" + html + "\n\nParagraf penutup.");

        Assert.Equal(["Paragraf pembuka.", "", "Gedung DPR di Senayan.", "Paragraf penutup."], post.Texts("body > p"));
        var image = post.One("body > p:nth-child(2) > img");
        Assert.Equal("Gedung DPR", image.GetAttribute("alt"));
        Assert.Equal("/wp-content/uploads/a-600x400.jpg", image.GetAttribute("src"));
        Assert.Equal("Gedung DPR di Senayan.", post.One("body > p:nth-child(3) > em").TextContent);
        Assert.Empty(post.Warnings);
    }

    [Fact]
    public void ATableKeepsItsHeaderCellsAndItsPipes()
    {
        var post = ShownPost.Of("<figure class=\"wp-block-table\"><table><thead><tr><th>Partai</th><th>Suara | %</th></tr></thead><tbody><tr><td><strong>A</strong></td><td>12,5<br>(naik)</td></tr><tr><td>B</td><td>9</td></tr></tbody></table></figure>");

        Assert.Equal(["Partai", "Suara | %"], post.Texts("thead th"));
        Assert.Equal(["A", "12,5 (naik)", "B", "9"], post.Texts("tbody td"));
        Assert.Equal("A", post.One("td strong").TextContent);
    }

    [Fact]
    public void ATableWithoutHeadTakesItsFirstRowAsHeaderAndSpreadsMergedCells()
    {
        var post = ShownPost.Of("<table><tr><td colspan=\"2\">Hasil</td></tr><tr><td rowspan=\"2\">Jawa</td><td>1</td></tr><tr><td>2</td></tr></table>");

        Assert.Equal(["Hasil", ""], post.Texts("thead th"));
        Assert.Equal(["Jawa", "1", "", "2"], post.Texts("tbody td"));
        Assert.Equal(["Flattened merged table cells (colspan, rowspan): check the table's columns."], post.Warnings);
    }

    [Fact]
    public void OrdinaryBracketsInTextStayText()
    {
        var post = ShownPost.Of("Banjir melanda Kemang. [Foto: Antara] Lihat catatan [1] dan [caption-x] serta [Gallery].");

        Assert.Equal("Banjir melanda Kemang. [Foto: Antara] Lihat catatan [1] dan [caption-x] serta [Gallery].", post.Text);
        Assert.Empty(post.Warnings);
    }

    [Fact]
    public void AnEscapedShortcodeIsItsLiteralText()
    {
        var post = ShownPost.Of("Tulis [[caption]] atau [[gallery ids=\"1\"]] untuk contoh.");

        Assert.Equal("Tulis [caption] atau [gallery ids=\"1\"] untuk contoh.", post.Text);
        Assert.Empty(post.Warnings);
    }

    [Fact]
    public void EmbedShortcodesBecomeLinkParagraphsWithAWarning()
    {
        var post = ShownPost.Of("[embed]https://www.youtube.com/watch?v=abc[/embed]\n[youtube=https://www.youtube.com/watch?v=def]\n[video width=\"640\" mp4=\"https://cdn.example.com/v.mp4\"][/video]\n[audio src='https://cdn.example.com/a.mp3' /]\n[tweet 12345]");

        Assert.Equal(["https://www.youtube.com/watch?v=abc", "https://www.youtube.com/watch?v=def", "https://cdn.example.com/v.mp4", "https://cdn.example.com/a.mp3"],
            post.All("body > p > a:only-child").Select(a => a.GetAttribute("href")));
        Assert.Equal(
        [
            "Dropped the shortcode [embed] from https://www.youtube.com/watch?v=abc: it became a link.",
            "Dropped the shortcode [youtube] from https://www.youtube.com/watch?v=def: it became a link.",
            "Dropped the shortcode [video] from https://cdn.example.com/v.mp4: it became a link.",
            "Dropped the shortcode [audio] from https://cdn.example.com/a.mp3: it became a link.",
            "Dropped the shortcode [tweet] with no web address.",
        ], post.Warnings);
    }

    [Fact]
    public void GalleriesFormsAndAdsAreDroppedWithAWarningEach()
    {
        var post = ShownPost.Of("Awal.\n\n[gallery ids=\"1,2\" /]\n[gallery ids='3' columns=2]\n[contact-form to=\"a@b.c\"][contact-field label=\"Nama\"/][/contact-form]\n[ads]\n\nAkhir.");

        Assert.Equal("Awal. Akhir.", post.Text);
        Assert.Equal(
        [
            "Dropped 2 shortcodes [gallery]: they have no Markdown form.",
            "Dropped the shortcode [contact-form]: it has no Markdown form.",
            "Dropped the shortcode [ads]: it has no Markdown form.",
        ], post.Warnings);
    }

    [Fact]
    public void PageBuilderShortcodesAreUnwrappedSilently()
    {
        var post = ShownPost.Of("[vc_row][vc_column width=\"1/2\"][vc_column_text]<p>Isi berita.</p>[/vc_column_text][/vc_column][/vc_row][et_pb_section][et_pb_text]Teks Divi.[/et_pb_text][/et_pb_section][su_note note_color=\"#eee\"]Catatan.[/su_note][fusion_builder_container]Avada.[/fusion_builder_container]");

        Assert.Equal(["Isi berita.", "Teks Divi.Catatan.Avada."], post.Texts("p"));
        Assert.Empty(post.Warnings);
    }

    [Fact]
    public void ShortcodesInsideTagsAndCommentsAreLeftAlone()
    {
        var post = ShownPost.Of("<!-- wp:paragraph {\"note\":\"[gallery]\"} --><p><img src=\"https://cdn.example.com/a.jpg\" alt=\"[gallery] di alt\"></p><!-- /wp:paragraph -->");

        Assert.Equal("[gallery] di alt", post.One("img").GetAttribute("alt"));
        Assert.Empty(post.Warnings);
    }

    [Fact]
    public void AnIframeBecomesALinkToWhatItPlays()
    {
        var post = ShownPost.Of("<p>Tonton:</p><iframe width=\"560\" src=\"https://www.youtube.com/embed/abcDEF_12?feature=oembed\" allowfullscreen></iframe><iframe src=\"https://player.vimeo.com/video/76979871\"></iframe><iframe src=\"https://www.google.com/maps/embed?pb=!1m18\"></iframe>");

        Assert.Equal(["https://www.youtube.com/watch?v=abcDEF_12", "https://vimeo.com/76979871", "https://www.google.com/maps/embed?pb=!1m18"],
            post.All("body > p > a").Select(a => a.GetAttribute("href")));
        Assert.Empty(post.All("iframe"));
        Assert.Equal(["Dropped 3 embedded players (<iframe>) from https://www.youtube.com/watch?v=abcDEF_12, https://vimeo.com/76979871, https://www.google.com/maps/embed?pb=!1m18: they became links."], post.Warnings);
    }

    [Fact]
    public void ABlockEditorEmbedBecomesALinkAndKeepsItsCaption()
    {
        var post = ShownPost.Of("<!-- wp:embed {\"url\":\"https://youtu.be/abc\",\"type\":\"video\"} -->\n<figure class=\"wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube\"><div class=\"wp-block-embed__wrapper\">\nhttps://youtu.be/abc\n</div><figcaption>Video: Kumparan</figcaption></figure>\n<!-- /wp:embed -->");

        Assert.Equal("https://youtu.be/abc", post.One("body > p > a").GetAttribute("href"));
        Assert.Equal("Video: Kumparan", post.One("body > p > em").TextContent);
        Assert.Equal(["Dropped an embedded player (embed block) from https://youtu.be/abc: it became a link."], post.Warnings);
    }

    [Fact]
    public void VideoAudioAndObjectBecomeLinksWhenTheyHaveAWebAddress()
    {
        var post = ShownPost.Of("<video controls><source src=\"/wp-content/uploads/v.mp4\" type=\"video/mp4\">Peramban tidak mendukung video.</video><audio src=\"https://cdn.example.com/a.mp3\"></audio><object data=\"javascript:alert(1)\"><param name=\"x\" value=\"y\">isi</object><embed src=\"about:blank\">");

        Assert.Equal(["/wp-content/uploads/v.mp4", "https://cdn.example.com/a.mp3"], post.All("a").Select(a => a.GetAttribute("href")));
        Assert.DoesNotContain("Peramban", post.Text, StringComparison.Ordinal);
        Assert.Equal(
        [
            "Dropped an embedded player (<video>) from /wp-content/uploads/v.mp4: it became a link.",
            "Dropped an embedded player (<audio>) from https://cdn.example.com/a.mp3: it became a link.",
            "Dropped an embedded player (<object>) with no web address.",
            "Dropped an embedded player (<embed>) with no web address.",
        ], post.Warnings);
    }

    [Fact]
    public void PlainTextOfAnExcerptDropsTagsDecodesEntitiesAndCollapsesWhiteSpace()
    {
        var converter = new HtmlToMarkdown(new HtmlConversionOptions());

        var text = converter.PlainText("  <p>Harga &#8220;cabai&#8221;&nbsp;naik&hellip;</p>\n<p>Kata <b>Men</b>teri:<br>&lt;stabil&gt; &amp; aman</p><script>x()</script><style>p{}</style> [gallery] ");

        Assert.Equal("Harga “cabai” naik… Kata Menteri: <stabil> & aman", text);
    }
}
