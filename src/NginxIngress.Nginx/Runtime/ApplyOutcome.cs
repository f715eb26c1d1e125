namespace NginxIngress.Nginx.Runtime;

public enum ApplyOutcome
{
    /// <summary>nginx already serves this version: nothing was written and nginx was not reloaded.</summary>
    Unchanged,

    /// <summary>Written, reloaded, and verified: nginx answers the new version.</summary>
    Applied,

    /// <summary>nginx did not come to serve the new version; the previous file was put back.</summary>
    Failed,
}
