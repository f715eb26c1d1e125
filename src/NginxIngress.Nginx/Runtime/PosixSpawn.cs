using System.Collections;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace NginxIngress.Nginx.Runtime;

/// <summary>
/// Starts a program as the leader of a new process group with posix_spawnp(3), which .NET's Process cannot do.
/// The group is set in the child before exec, so everything the program forks (nginx's workers) is in it from
/// the start; setting it from the parent after Process.Start would race with those forks.
/// </summary>
internal static partial class PosixSpawn
{
    // <spawn.h>; glibc and musl agree on these values.
    private const short SetProcessGroup = 0x02;
    private const short SetSignalDefaults = 0x04;
    private const short SetSignalMask = 0x08;

    // Opaque C types, given more room than any libc uses (glibc and musl: 336 and 128 bytes).
    private const int AttributesSize = 1024;
    private const int SignalSetSize = 256;

    /// <summary>
    /// Starts <paramref name="file"/> (looked up on PATH) with this process's stdin, stdout, stderr, working
    /// directory and environment, in a new process group whose id is the returned pid. Nothing in .NET knows
    /// this child: the caller must reap it.
    /// </summary>
    /// <exception cref="Win32Exception">The program could not be started.</exception>
    public static int InNewProcessGroup(string file, IReadOnlyList<string> arguments)
    {
        var strings = new List<nint>();
        var attributes = Marshal.AllocHGlobal(AttributesSize);
        var signals = Marshal.AllocHGlobal(SignalSetSize);
        try
        {
            var argv = NullTerminated(strings, [file, .. arguments]);
            // The managed environment, not libc's environ: .NET keeps changes made through Environment to itself.
            var envp = NullTerminated(strings, Environment.GetEnvironmentVariables().Cast<DictionaryEntry>().Select(entry => $"{entry.Key}={entry.Value}"));
            Check(InitAttributes(attributes), "posix_spawnattr_init");
            try
            {
                // Like Process.Start: no blocked signals, and no handler or ignored disposition of the runtime's
                // leaks into the child (nginx installs its own handlers).
                Check(SetFlags(attributes, (short)(SetProcessGroup | SetSignalMask | SetSignalDefaults)), "posix_spawnattr_setflags");
                Check(SetProcessGroupId(attributes, 0), "posix_spawnattr_setpgroup");
                Check(EmptySignalSet(signals) == 0 ? 0 : Marshal.GetLastPInvokeError(), "sigemptyset");
                Check(SetSignalMaskAttribute(attributes, signals), "posix_spawnattr_setsigmask");
                Check(FillSignalSet(signals) == 0 ? 0 : Marshal.GetLastPInvokeError(), "sigfillset");
                Check(SetSignalDefaultsAttribute(attributes, signals), "posix_spawnattr_setsigdefault");
                var error = Spawn(out var pid, file, 0, attributes, argv, envp);
                if (error != 0)
                {
                    throw new Win32Exception(error, $"{file} could not be started: {new Win32Exception(error).Message}");
                }
                return pid;
            }
            finally
            {
                _ = DestroyAttributes(attributes);
            }
        }
        finally
        {
            // posix_spawn returns only after the child has exec'd (or failed to), so the strings are no longer needed.
            strings.ForEach(Marshal.FreeCoTaskMem);
            Marshal.FreeHGlobal(signals);
            Marshal.FreeHGlobal(attributes);
        }
    }

    private static nint[] NullTerminated(List<nint> allocated, IEnumerable<string> values)
    {
        var pointers = new List<nint>();
        foreach (var value in values)
        {
            var pointer = Marshal.StringToCoTaskMemUTF8(value);
            allocated.Add(pointer);
            pointers.Add(pointer);
        }
        pointers.Add(0);
        return [.. pointers];
    }

    private static void Check(int error, string call)
    {
        if (error != 0)
        {
            throw new Win32Exception(error, $"{call} failed: {new Win32Exception(error).Message}");
        }
    }

    [LibraryImport("libc", EntryPoint = "posix_spawnp", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Spawn(out int pid, string file, nint fileActions, nint attributes, nint[] argv, nint[] envp);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_init")]
    private static partial int InitAttributes(nint attributes);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_destroy")]
    private static partial int DestroyAttributes(nint attributes);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setflags")]
    private static partial int SetFlags(nint attributes, short flags);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setpgroup")]
    private static partial int SetProcessGroupId(nint attributes, int processGroup);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setsigmask")]
    private static partial int SetSignalMaskAttribute(nint attributes, nint signals);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setsigdefault")]
    private static partial int SetSignalDefaultsAttribute(nint attributes, nint signals);

    [LibraryImport("libc", EntryPoint = "sigemptyset", SetLastError = true)]
    private static partial int EmptySignalSet(nint signals);

    [LibraryImport("libc", EntryPoint = "sigfillset", SetLastError = true)]
    private static partial int FillSignalSet(nint signals);
}
