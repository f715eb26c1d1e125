using NginxIngress.Core.Annotations;

namespace NginxIngress.Core.Tests.Annotations;

/// <summary>A snippet is pasted raw, so it must be whole directives: it can never close the block it is pasted into.</summary>
public sealed class SnippetRulesTests
{
    [TestCase("")]
    [TestCase("return 200;")]
    [TestCase("more_set_headers \"X-A: b\";\nproxy_set_header X-Team shop;")]
    [TestCase("location = /ping { return 200 \"pong\"; }")]
    [TestCase("if ($http_x = \"}\") { return 403; }")]
    [TestCase("# a comment with } and { and \"\nreturn 200;")]
    [TestCase("return 200 'it''s';")]
    [TestCase("set $a \"\\\"}\";")]
    [TestCase("rewrite ^/a#b /c;")]
    [TestCase("map $a $b {\r\n  default 0;\r\n}\r\n")]
    public void Whole_directives_pass(string snippet)
    {
        Assert.That(SnippetRules.Fault(snippet), Is.Null);
    }

    [TestCase("}", "closes a block")]
    [TestCase("} server { listen 81; }", "closes a block")]
    [TestCase("location / {", "not closed")]
    [TestCase("return 200", "not ended")]
    [TestCase("location / { return 200 }", "not ended")]
    [TestCase("return 200 \"open;", "quoted string is not closed")]
    [TestCase("return 200 'open;", "quoted string is not closed")]
    [TestCase("return 200;\0", "control character")]
    [TestCase("return 200;\u001b[2J", "control character")]
    public void Anything_else_is_refused_with_its_fault(string snippet, string fault)
    {
        Assert.That(SnippetRules.Fault(snippet), Does.Contain(fault));
    }
}
