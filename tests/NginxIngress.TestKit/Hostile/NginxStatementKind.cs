namespace NginxIngress.TestKit.Hostile;

public enum NginxStatementKind
{
    Directive,
    BlockStart,
    BlockEnd,
}
