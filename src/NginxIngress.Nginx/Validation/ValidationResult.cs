namespace NginxIngress.Nginx.Validation;

/// <param name="IsValid">nginx accepted the config.</param>
/// <param name="Message">nginx's own words (its stderr), for logs and problems.</param>
/// <param name="Line">The line of nginx.conf nginx complained about, when it named one.</param>
/// <param name="TimedOut">nginx -t did not finish in time and was stopped: nothing is known about the config.</param>
/// <param name="File">The bundle file (relative path) nginx could not load, when it named one: a certificate.</param>
public sealed record ValidationResult(bool IsValid, string Message, int? Line, bool TimedOut = false, string? File = null)
{
    public static readonly ValidationResult Valid = new(true, "", null);
}
