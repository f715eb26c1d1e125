using System.CommandLine;
using NginxIngress.Core.Annotations;

namespace NginxIngress.Controller.Cli;

/// <summary><c>nginx-ingress docs</c>: prints the supported annotations and ConfigMap keys, as docs/annotations.md holds them.</summary>
internal static class DocsCommand
{
    public static Command Create()
    {
        var command = new Command("docs", "Print every supported annotation and ConfigMap key with its grammar, default and risk (Markdown).");
        command.SetAction(_ =>
        {
            Console.Out.Write(AnnotationDocs.Markdown());
            return 0;
        });
        return command;
    }
}
