using System.Text;

namespace NginxIngress.Nginx.Config;

/// <summary>
/// A file nginx.conf names, shipped with it: a certificate and its key, in PEM. <see cref="RelativePath"/> is derived
/// by the translator, never taken from object text, and is resolved against the folder holding nginx.conf. Its
/// content is key material: this record's printed form shows the path only.
/// </summary>
/// <param name="Secret">The Secret the content came from; null for the generated fake certificate.</param>
/// <param name="Versioned">
/// Whether the content is part of the bundle's version. Not for the fake certificate a process generates for
/// itself: it is new in every process, and would make <c>render</c>'s output differ from run to run.
/// </param>
public sealed record BundleFile(string RelativePath, string Content, bool Versioned = true, Core.Snapshot.ObjectKey? Secret = null)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("RelativePath = ").Append(RelativePath);
        return true;
    }
}
