namespace NginxIngress.TestKit.Objects;

/// <summary>Writes a manifest the way a YAML library streaming documents, or an editor saving in chunks, does.</summary>
public static class StreamingWriter
{
    /// <summary>
    /// Creates <paramref name="path"/> and writes it one document at a time, flushed, pausing the matching entry of
    /// <paramref name="pauses"/> (milliseconds) after each: the pauses are the writer's pace, which the race under
    /// test needs, not a wait for an outcome.
    /// </summary>
    public static void WriteDocumentByDocument(string path, IEnumerable<string> documents, IReadOnlyList<int> pauses)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite);
        using var writer = new StreamWriter(stream);
        foreach (var (document, pause) in documents.Zip(pauses))
        {
            writer.Write(document);
            writer.Flush();
            Thread.Sleep(pause);
        }
    }
}
