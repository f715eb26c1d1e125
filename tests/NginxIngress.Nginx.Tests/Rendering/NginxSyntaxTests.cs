using NginxIngress.Nginx.Rendering;

namespace NginxIngress.Nginx.Tests.Rendering;

/// <summary>
/// <see cref="NginxSyntax.Quote"/> is the only escaping in the product (DESIGN.md §5). Whatever a value holds, it
/// must reach nginx as exactly one token equal to itself, and a value that cannot must be refused.
/// </summary>
[TestFixture]
public sealed class NginxSyntaxTests
{
    private static readonly TestCaseData[] QuotedForms =
    [
        new TestCaseData("plain", "\"plain\"").SetArgDisplayNames("plain text"),
        new TestCaseData("", "\"\"").SetArgDisplayNames("empty"),
        new TestCaseData("\"", "\"\\\"\"").SetArgDisplayNames("double quote"),
        new TestCaseData("a\"; return 200 \"pwned", "\"a\\\"; return 200 \\\"pwned\"").SetArgDisplayNames("quote then directive"),
        new TestCaseData("\\", "\"\\\\\"").SetArgDisplayNames("lone backslash"),
        new TestCaseData("C:\\dir\\", "\"C:\\\\dir\\\\\"").SetArgDisplayNames("trailing backslash"),
        new TestCaseData("\\\"", "\"\\\\\\\"\"").SetArgDisplayNames("backslash then quote"),
        new TestCaseData("\\d+", "\"\\\\d+\"").SetArgDisplayNames("regex escape"),
        new TestCaseData("\\n", "\"\\\\n\"").SetArgDisplayNames("backslash n is not a newline"),
        new TestCaseData(";", "\";\"").SetArgDisplayNames("semicolon"),
        new TestCaseData("}", "\"}\"").SetArgDisplayNames("closing brace"),
        new TestCaseData("{", "\"{\"").SetArgDisplayNames("opening brace"),
        new TestCaseData("} server { listen 81; }", "\"} server { listen 81; }\"").SetArgDisplayNames("server block"),
        new TestCaseData("#", "\"#\"").SetArgDisplayNames("comment sign"),
        new TestCaseData("'", "\"'\"").SetArgDisplayNames("single quote"),
        new TestCaseData("a b\u00a0c", "\"a b\u00a0c\"").SetArgDisplayNames("spaces"),
        new TestCaseData("/ünïcödé", "\"/ünïcödé\"").SetArgDisplayNames("non-ASCII"),
        // nginx has no escape for "$": a quoted value still expands variables in directives that take them.
        // Quote therefore leaves it alone, and the allow-lists keep "$" out of every value except a rewrite target.
        new TestCaseData("$host", "\"$host\"").SetArgDisplayNames("dollar"),
        new TestCaseData("^/a(/|$)(.*)", "\"^/a(/|$)(.*)\"").SetArgDisplayNames("regex anchor"),
    ];

    private static readonly TestCaseData[] ControlCharacters =
    [
        new TestCaseData("a\nreturn 200;").SetArgDisplayNames("newline"),
        new TestCaseData("\n").SetArgDisplayNames("bare newline"),
        new TestCaseData("a\rb").SetArgDisplayNames("carriage return"),
        new TestCaseData("a\tb").SetArgDisplayNames("tab"),
        new TestCaseData("a\0b").SetArgDisplayNames("NUL"),
        new TestCaseData("a\u001bb").SetArgDisplayNames("escape"),
        new TestCaseData("a\u007fb").SetArgDisplayNames("delete"),
        new TestCaseData("a\u0085b").SetArgDisplayNames("next line (C1)"),
    ];

    [TestCaseSource(nameof(QuotedForms))]
    public void Quote_wraps_in_double_quotes_and_escapes_quote_and_backslash(string value, string expected)
    {
        Assert.That(NginxSyntax.Quote(value), Is.EqualTo(expected));
    }

    [TestCaseSource(nameof(QuotedForms))]
    public void Quoted_value_reads_back_as_one_nginx_token_equal_to_itself(string value, string _)
    {
        var (token, remainder) = NginxQuotedToken.Read(NginxSyntax.Quote(value) + ";");

        Assert.Multiple(() =>
        {
            Assert.That(token, Is.EqualTo(value));
            Assert.That(remainder, Is.EqualTo(";"), "the token must end where the quoted value ends");
        });
    }

    [TestCaseSource(nameof(ControlCharacters))]
    public void Quote_refuses_control_characters(string value)
    {
        var error = Assert.Throws<ArgumentException>(() => NginxSyntax.Quote(value));

        Assert.That(error!.Message, Does.Contain("control character"));
    }

    [Test]
    public void Quote_refuses_null()
    {
        Assert.Throws<ArgumentNullException>(() => NginxSyntax.Quote(null!));
    }

    [Test]
    public void Quoted_token_reader_agrees_with_nginx_on_its_own_escapes()
    {
        // Guards the reader the round-trip test relies on, with nginx's documented tokenizer behaviour.
        Assert.Multiple(() =>
        {
            Assert.That(NginxQuotedToken.Read("\"a\\\"b\"").Value, Is.EqualTo("a\"b"));
            Assert.That(NginxQuotedToken.Read("\"a\\\\b\"").Value, Is.EqualTo("a\\b"));
            Assert.That(NginxQuotedToken.Read("\"a\\nb\"").Value, Is.EqualTo("a\nb"));
            Assert.That(NginxQuotedToken.Read("\"a\\db\"").Value, Is.EqualTo("a\\db"));
            Assert.That(NginxQuotedToken.Read("\"a\\\";b\";").Remainder, Is.EqualTo(";"));
            Assert.Throws<FormatException>(() => NginxQuotedToken.Read("\"a\\\""));
        });
    }
}
