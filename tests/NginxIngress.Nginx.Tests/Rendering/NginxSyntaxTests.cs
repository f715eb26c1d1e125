using NginxIngress.Nginx.Rendering;
using NginxIngress.TestKit.Hostile;

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
        // nginx has no escape for "$": Quote is for directives that expand no variables, and for regexes, where "$"
        // is an anchor. Values printed where variables expand go through QuoteLiteral instead.
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

    private static readonly TestCaseData[] LiteralForms =
    [
        new TestCaseData("plain", "\"plain\"").SetArgDisplayNames("plain text"),
        new TestCaseData("/$http_authorization", "\"/${dollar}http_authorization\"").SetArgDisplayNames("request header variable"),
        new TestCaseData("$", "\"${dollar}\"").SetArgDisplayNames("lone dollar"),
        new TestCaseData("${host}", "\"${dollar}{host}\"").SetArgDisplayNames("braced variable"),
        new TestCaseData("$$1", "\"${dollar}${dollar}1\"").SetArgDisplayNames("dollar dollar capture"),
        new TestCaseData("${dollar}", "\"${dollar}{dollar}\"").SetArgDisplayNames("the dollar variable itself"),
        new TestCaseData("a\"$b\\", "\"a\\\"${dollar}b\\\\\"").SetArgDisplayNames("dollar among quote and backslash"),
        new TestCaseData("\"; } server { return 200 $secret; #", "\"\\\"; } server { return 200 ${dollar}secret; #\"").SetArgDisplayNames("break-out with variable"),
    ];

    private static readonly TestCaseData[] ReplacementForms =
    [
        new TestCaseData("/$1", "\"/$1\"").SetArgDisplayNames("capture"),
        new TestCaseData("/$1/$9x", "\"/$1/$9x\"").SetArgDisplayNames("captures one to nine"),
        new TestCaseData("/$12", "\"/$12\"").SetArgDisplayNames("capture then digit"),
        new TestCaseData("/$0", "\"/${dollar}0\"").SetArgDisplayNames("dollar zero is no capture"),
        new TestCaseData("/$http_authorization", "\"/${dollar}http_authorization\"").SetArgDisplayNames("request header variable"),
        new TestCaseData("/${1}", "\"/${dollar}{1}\"").SetArgDisplayNames("braced capture"),
        new TestCaseData("/a$", "\"/a${dollar}\"").SetArgDisplayNames("trailing dollar"),
    ];

    [TestCaseSource(nameof(LiteralForms))]
    public void Quote_literal_makes_every_dollar_the_dollar_variable(string value, string expected)
    {
        Assert.That(NginxSyntax.QuoteLiteral(value), Is.EqualTo(expected));
    }

    [TestCaseSource(nameof(LiteralForms))]
    [TestCaseSource(nameof(QuotedForms))]
    public void Literal_value_expands_in_nginx_to_exactly_itself(string value, string _)
    {
        var (token, remainder) = NginxQuotedToken.Read(NginxSyntax.QuoteLiteral(value) + ";");
        var expansion = NginxScript.Expand(token);

        Assert.Multiple(() =>
        {
            Assert.That(expansion.Variables, Is.All.EqualTo("dollar"), "a literal may read no variable but $dollar");
            Assert.That(expansion.Captures, Is.Empty);
            Assert.That(expansion.Text, Is.EqualTo(value));
            Assert.That(remainder, Is.EqualTo(";"));
        });
    }

    [TestCaseSource(nameof(ReplacementForms))]
    public void Rewrite_replacement_keeps_captures_one_to_nine_and_makes_other_dollars_literal(string value, string expected)
    {
        Assert.That(NginxSyntax.QuoteRewriteReplacement(value), Is.EqualTo(expected));
    }

    [TestCaseSource(nameof(ReplacementForms))]
    public void Rewrite_replacement_reads_no_variable_but_the_dollar_variable(string value, string _)
    {
        var expansion = NginxScript.Expand(NginxQuotedToken.Read(NginxSyntax.QuoteRewriteReplacement(value)).Value);

        Assert.That(expansion.Variables, Is.All.EqualTo("dollar"));
    }

    [Test]
    public void Quote_literal_after_keeps_the_template_variables_and_makes_the_value_literal()
    {
        var quoted = NginxSyntax.QuoteLiteral("$scheme://$http_host", "/app$x");

        Assert.That(quoted, Is.EqualTo("\"$scheme://$http_host/app${dollar}x\""));
        Assert.That(NginxScript.Expand(NginxQuotedToken.Read(quoted).Value).Variables, Is.EqualTo(new[] { "scheme", "http_host", "dollar" }));
    }

    [TestCaseSource(nameof(ControlCharacters))]
    public void Quote_literal_and_rewrite_replacement_refuse_control_characters(string value)
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentException>(() => NginxSyntax.QuoteLiteral(value));
            Assert.Throws<ArgumentException>(() => NginxSyntax.QuoteLiteral("$scheme://", value));
            Assert.Throws<ArgumentException>(() => NginxSyntax.QuoteRewriteReplacement(value));
        });
    }

    [Test]
    public void The_dollar_variable_is_a_geo_so_nginx_stores_the_dollar_as_written()
    {
        // A map or set value is compiled as a script, where a lone "$" is "invalid variable name" (nginx 1.22).
        Assert.That(NginxSyntax.DollarVariableDefinition, Is.EqualTo("geo $dollar { default \"$\"; }"));
    }

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
