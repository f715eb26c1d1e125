using NginxIngress.Nginx.Rendering;
using NginxIngress.TestKit.Hostile;

namespace NginxIngress.Nginx.Tests.Hostile;

/// <summary>The corpus's judge must read nginx.conf as nginx does, or a break-out could look inert.</summary>
[TestFixture]
public sealed class NginxConfTokenizerTests
{
    private static IReadOnlyList<string> Shapes(string text) => NginxConfTokenizer.Parse(text).Select(s => s.Shape).ToList();

    [Test]
    public void Directives_blocks_and_comments_are_read_as_nginx_reads_them()
    {
        var statements = NginxConfTokenizer.Parse("http { # a comment; } server {\n  return 200 \"a;b}\" 'c\\'d' e\\;f; }\n");

        Assert.Multiple(() =>
        {
            Assert.That(statements.Select(s => s.Shape), Is.EqualTo(new[] { "http /0 {", "  return /4;", "}" }));
            Assert.That(statements[1].Args, Is.EqualTo(new[] { "200", "a;b}", "c'd", "e\\;f" }), "nginx keeps a backslash it does not know");
        });
    }

    [Test]
    public void Entries_of_a_map_are_data_not_directives()
    {
        var statements = NginxConfTokenizer.Parse("map $a $b { default 0; \"~^/x\" 1; } server { }");

        Assert.Multiple(() =>
        {
            Assert.That(statements.Select(s => s.Shape.Trim()), Is.EqualTo(new[] { "map /2 {", "(entry) /2;", "(entry) /2;", "}", "server /0 {", "}" }));
            Assert.That(statements[2].Args, Is.EqualTo(new[] { "~^/x", "1" }));
        });
    }

    [Test]
    public void A_hash_inside_a_word_is_text_but_at_a_word_start_comments_out_the_line()
    {
        Assert.That(Shapes("a b#c;\nd #e; }\n;"), Is.EqualTo(new[] { "a /1;", "d /0;" }));
    }

    [Test]
    public void A_closing_brace_inside_a_word_is_text_and_a_variable_brace_opens_no_block()
    {
        var statements = NginxConfTokenizer.Parse("set $x a}b; return 200 ${x}y;");

        Assert.That(statements.SelectMany(s => s.Args), Is.EqualTo(new[] { "$x", "a}b", "200", "${x}y" }));
    }

    [Test]
    public void A_quoted_regex_may_close_an_if_condition()
    {
        var statements = NginxConfTokenizer.Parse("if ($http_origin ~* \"^(a|b)$\") { set $cors \"true\"; }");

        Assert.That(statements.Select(s => s.Shape.Trim()), Is.EqualTo(new[] { "if /4 {", "set /2;", "}" }));
        Assert.That(statements[0].Args, Is.EqualTo(new[] { "($http_origin", "~*", "^(a|b)$", ")" }));
    }

    [TestCase("a \"b\"c;")]
    [TestCase("a \"b;")]
    [TestCase("a { b;")]
    [TestCase("a; }")]
    [TestCase("a b }")]
    [TestCase("{ }")]
    public void Text_nginx_refuses_is_refused(string text)
    {
        Assert.Throws<FormatException>(() => NginxConfTokenizer.Parse(text));
    }

    [Test]
    public void Every_quoted_corpus_value_reads_back_as_one_argument_equal_to_itself()
    {
        foreach (var value in HostileValues.All.Where(value => !value.Any(char.IsControl)))
        {
            var statements = NginxConfTokenizer.Parse($"x {NginxSyntax.Quote(value)} {NginxSyntax.QuoteLiteral(value)};");

            Assert.That(statements.Single().Args[0], Is.EqualTo(value), HostileValues.Show(value));
            Assert.That(statements.Single().Args[1], Is.EqualTo(value.Replace("$", "${dollar}", StringComparison.Ordinal)), HostileValues.Show(value));
        }
    }
}
