using System.CommandLine;
using NginxIngress.Controller.Cli;
using NginxIngress.Controller.Hosting;

namespace NginxIngress.Controller;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        MallocArenaLimit.Apply();
        var parsed = Parse(args);
        var errors = UsageErrors.Of(parsed);
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                await Console.Error.WriteLineAsync(error);
            }
            await Console.Error.WriteLineAsync("Run 'nginx-ingress --help' for usage.");
            return ExitCodes.Usage;
        }
        // Stopping drains nginx (SIGQUIT) for up to worker_shutdown_timeout; the default 2 s would cut that short.
        return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromMinutes(5) });
    }

    internal static ParseResult Parse(string[] args) => Parse(args, out _);

    /// <summary>
    /// Parses as <see cref="Main"/> does and hands back the <c>run</c> command, whose <see cref="RunCommand.Bind"/>
    /// says which settings a command line stands for.
    /// </summary>
    internal static ParseResult Parse(string[] args, out RunCommand run)
    {
        var controllerFlags = new ControllerFlags();
        var nginxFlags = new NginxFlags();
        var root = new RootCommand("NginxIngress: a drop-in ingress-nginx controller. Renders nginx.conf from Ingress objects.");
        root.Subcommands.Add(RenderCommand.Create(controllerFlags, nginxFlags));
        run = RunCommand.Create(controllerFlags, nginxFlags);
        root.Subcommands.Add(run.Command);
        root.Subcommands.Add(DocsCommand.Create());
        return root.Parse(LegacyInvocation.Normalize(args));
    }
}
