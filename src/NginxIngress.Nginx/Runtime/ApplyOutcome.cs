namespace NginxIngress.Nginx.Runtime;

public enum ApplyOutcome
{
    /// <summary>nginx already serves this version: nothing was written and nginx was not reloaded.</summary>
    Unchanged,

    /// <summary>Written, reloaded, and verified: nginx answers the new version.</summary>
    Applied,

    /// <summary>nginx did not come to serve the new version; the last good config was put back and nginx was verified serving it again.</summary>
    RolledBack,

    /// <summary>nginx did not come to serve the new version, and serves no version we can verify (none was good yet, or the rollback was not verified either).</summary>
    Failed,
}
