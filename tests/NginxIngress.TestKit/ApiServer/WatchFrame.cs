using System.Text;

namespace NginxIngress.TestKit.ApiServer;

/// <summary>One line of a watch stream: <c>{"type":…,"object":…}</c>, with the object already serialized.</summary>
internal sealed record WatchFrame(string Type, byte[] Object)
{
    /// <summary>
    /// An object of the watched kind with only a resourceVersion; <paramref name="initialEventsEnd"/> marks the end
    /// of a streaming list's initial events with the annotation clients wait for.
    /// </summary>
    public static WatchFrame Bookmark(ApiResource resource, long resourceVersion, bool initialEventsEnd = false)
    {
        var annotations = initialEventsEnd ? ""","annotations":{"k8s.io/initial-events-end":"true"}""" : "";
        return new("BOOKMARK", Encoding.UTF8.GetBytes(
            $$$"""{"kind":"{{{resource.Kind}}}","apiVersion":"{{{resource.ApiVersion}}}","metadata":{"resourceVersion":"{{{resourceVersion}}}","creationTimestamp":null{{{annotations}}}}}"""));
    }

    /// <summary>A line sent as it is, not an event: for streams that break the protocol (a blank or half-written line).</summary>
    public static WatchFrame Raw(string line) => new(RawType, Encoding.UTF8.GetBytes(line));

    private const string RawType = "(raw)";

    public byte[] ToLine()
    {
        if (Type == RawType)
        {
            return [.. Object, (byte)'\n'];
        }
        var head = Encoding.UTF8.GetBytes($$"""{"type":"{{Type}}","object":""");
        var line = new byte[head.Length + Object.Length + 2];
        head.CopyTo(line, 0);
        Object.CopyTo(line, head.Length);
        line[^2] = (byte)'}';
        line[^1] = (byte)'\n';
        return line;
    }
}
