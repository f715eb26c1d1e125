using System.CommandLine;

namespace NginxIngress.Controller.Cli;

internal static class RunCommand
{
    public static Command Create(ControllerFlags controllerFlags, NginxFlags nginxFlags)
    {
        var command = new Command("run", "Run the controller.");
        foreach (var option in controllerFlags.All.Concat(nginxFlags.All))
        {
            command.Options.Add(option);
        }
        command.SetAction(_ => 0);
        return command;
    }
}
