using System.Text;

namespace NginxIngress.TestKit.ApiServer;

/// <summary>One line of a watch stream: <c>{"type":…,"object":…}</c>, with the object already serialized.</summary>
internal sealed record WatchFrame(string Type, byte[] Object)
{
    public static WatchFrame Bookmark(ApiResource resource, long resourceVersion) =>
        new("BOOKMARK", Encoding.UTF8.GetBytes(
            $$$"""{"kind":"{{{resource.Kind}}}","apiVersion":"{{{resource.ApiVersion}}}","metadata":{"resourceVersion":"{{{resourceVersion}}}","creationTimestamp":null}}"""));

    public byte[] ToLine()
    {
        var head = Encoding.UTF8.GetBytes($$"""{"type":"{{Type}}","object":""");
        var line = new byte[head.Length + Object.Length + 2];
        head.CopyTo(line, 0);
        Object.CopyTo(line, head.Length);
        line[^2] = (byte)'}';
        line[^1] = (byte)'\n';
        return line;
    }
}
