using NginxIngress.Nginx.Config;
using NginxIngress.Nginx.Rendering;

namespace NginxIngress.Nginx.Runtime;

/// <summary>
/// Writes a config bundle into a folder: each file the config names (certificates with their keys) first, then
/// nginx.conf, each to a temporary name and renamed, so nginx never reads half a file or a config whose
/// certificates are not there yet. Key files are 0600 in 0700 folders. Paths come from the translator; one that
/// would leave the folder is refused all the same.
/// </summary>
public static class BundleWriter
{
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <param name="keepReplacedAs">If set, the nginx.conf being replaced stays under this path: a hard link where the
    /// file system allows one (File.Replace), so keeping it costs no copy of the text.</param>
    public static async Task WriteAsync(string directory, RenderedConfig config, CancellationToken cancellationToken, string? keepReplacedAs = null)
    {
        await WriteFilesAsync(directory, config.Files, cancellationToken);
        await WriteAtomicallyAsync(Path.Combine(directory, "nginx.conf"), config.Text, null, cancellationToken, keepReplacedAs);
    }

    /// <summary>The bundle's files alone, for a caller that writes nginx.conf itself.</summary>
    public static async Task WriteFilesAsync(string directory, IEnumerable<BundleFile> files, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        foreach (var file in files)
        {
            var path = PathOf(directory, file);
            CreatePrivateFolder(Path.GetDirectoryName(path)!);
            await WriteAtomicallyAsync(path, file.Content, PrivateFile, cancellationToken);
        }
    }

    /// <summary>
    /// Deletes files under the bundle's folders that <paramref name="config"/> does not name: the key of a Secret no
    /// longer used must not linger on disk. Only folders the bundle's files live in are swept, never nginx's own.
    /// </summary>
    public static void RemoveStale(string directory, RenderedConfig config)
    {
        var kept = config.Files.Select(file => PathOf(directory, file)).ToHashSet(StringComparer.Ordinal);
        var folders = config.Files.Select(file => Path.GetDirectoryName(PathOf(directory, file))!).Distinct(StringComparer.Ordinal);
        foreach (var folder in folders.Where(Directory.Exists))
        {
            foreach (var stale in Directory.EnumerateFiles(folder).Where(path => !kept.Contains(path)))
            {
                File.Delete(stale);
            }
        }
    }

    /// <summary>Empties a folder of earlier bundles' files (a scratch prefix), so no key outlives the check that needed it.</summary>
    public static void ClearFiles(string directory, RenderedConfig config)
    {
        foreach (var folder in config.Files.Select(file => Path.GetDirectoryName(PathOf(directory, file))!).Distinct(StringComparer.Ordinal).Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string PathOf(string directory, BundleFile file)
    {
        var root = Path.GetFullPath(directory) + Path.DirectorySeparatorChar;
        var path = Path.GetFullPath(Path.Combine(root, file.RelativePath));
        if (Path.IsPathRooted(file.RelativePath) || !path.StartsWith(root, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"bundle file {file.RelativePath} would be written outside {directory}");
        }
        return path;
    }

    private static void CreatePrivateFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            return;
        }
        Directory.CreateDirectory(folder, PrivateFolder);
        // An existing folder keeps its mode; make sure it is private.
        File.SetUnixFileMode(folder, PrivateFolder);
    }

    private static async Task WriteAtomicallyAsync(string path, string text, UnixFileMode? mode, CancellationToken cancellationToken, string? keepReplacedAs = null)
    {
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (mode is { } unixMode && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = unixMode;
        }
        await using (var stream = new FileStream(temporary, options))
        await using (var writer = new StreamWriter(stream))
        {
            await writer.WriteAsync(text.AsMemory(), cancellationToken);
        }
        if (keepReplacedAs is not null && File.Exists(path))
        {
            File.Replace(temporary, path, keepReplacedAs);
        }
        else
        {
            File.Move(temporary, path, overwrite: true);
        }
    }
}
