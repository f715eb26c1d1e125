namespace NginxIngress.Controller.Cli;

/// <summary>Exit codes of <c>nginx-ingress</c>. Scripts depend on them; docs/cli.md lists them.</summary>
internal static class ExitCodes
{
    /// <summary>Rendered every object (warnings may have been printed).</summary>
    public const int Rendered = 0;

    /// <summary>Rendered, but some objects or paths were skipped; stderr names each one.</summary>
    public const int RenderedWithSkips = 1;

    /// <summary>The command line was wrong.</summary>
    public const int Usage = 2;

    /// <summary>The manifest folder, or the output file, could not be read or written.</summary>
    public const int InputUnreadable = 3;
}
