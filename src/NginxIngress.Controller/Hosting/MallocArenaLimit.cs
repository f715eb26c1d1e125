using System.Runtime.InteropServices;

namespace NginxIngress.Controller.Hosting;

/// <summary>
/// Caps the controller's own glibc malloc arenas at <see cref="Arenas"/>, as <c>MALLOC_ARENA_MAX=2</c> does.
/// glibc gives a thread that finds every arena busy a new one, up to eight per core, and keeps what an arena has
/// freed for its next allocation instead of giving it back. As thread-pool threads come and go, the runtime's native
/// allocations spread over more and more arenas, while the managed heap, where the controller's own data lives,
/// stays flat. At 10k Ingresses RSS grew from 219 to 270 MiB over 25 reloads without a limit, and from 216 to
/// 222 MiB with <c>MALLOC_ARENA_MAX=2</c> (docs/benchmarks.md).
/// </summary>
/// <remarks>
/// glibc reads the limit when a thread next needs an arena, so set here it only stops new ones: the arenas the
/// runtime's own threads made before <c>Main</c> stay, and RSS still grew to 244 MiB over the same 25 reloads. The
/// image therefore sets <c>MALLOC_ARENA_MAX=2</c> in the environment, which glibc reads before the first thread,
/// and this covers every other way of starting the controller. The environment wins where it has a limit.
/// </remarks>
internal static partial class MallocArenaLimit
{
    public const int Arenas = 2;

    /// <summary><c>M_ARENA_MAX</c> in glibc's malloc.h.</summary>
    private const int ArenaMaxOption = -8;

    /// <summary>
    /// Whether the operator chose an arena limit of their own (<c>MALLOC_ARENA_MAX</c>, or
    /// <c>glibc.malloc.arena_max</c> in <c>GLIBC_TUNABLES</c>); glibc has applied it, and it is kept.
    /// </summary>
    public static bool OperatorChose(Func<string, string?> environment) =>
        !string.IsNullOrEmpty(environment("MALLOC_ARENA_MAX"))
        || (environment("GLIBC_TUNABLES") ?? "").Split(':').Any(tunable => tunable.Split('=', 2)[0] == "glibc.malloc.arena_max");

    /// <summary>Applies the limit, unless the operator chose their own; false where it was not applied.</summary>
    public static bool Apply() => OperatingSystem.IsLinux() && !OperatorChose(Environment.GetEnvironmentVariable) && Cap();

    /// <summary>Sets the limit; false where the C library has no such setting.</summary>
    public static bool Cap()
    {
        try
        {
            return SetMallocOption(ArenaMaxOption, Arenas) == 1;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            // A C library without mallopt has no arenas of glibc's kind to cap.
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int SetMallocOption(int option, int value);
}
