using System.Text;
using ApprovalTests.Core;

namespace NginxIngress.Nginx.Tests.Snapshots;

/// <summary>
/// Writes the received file as the exact bytes the renderer produced: UTF-8 without a byte-order mark.
/// ApprovalTests' own text writer adds a BOM, which nginx would read as part of the first directive, so an
/// approved nginx.conf could no longer be checked with <c>nginx -t</c> as is.
/// </summary>
public sealed class Utf8SnapshotWriter(string text, string extensionWithoutDot) : IApprovalWriter
{
    private static readonly UTF8Encoding NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public string GetApprovalFilename(string basename) => $"{basename}.approved.{extensionWithoutDot}";

    public string GetReceivedFilename(string basename) => $"{basename}.received.{extensionWithoutDot}";

    public string WriteReceivedFile(string received)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(received)!);
        File.WriteAllText(received, text, NoBom);
        return received;
    }
}
