using System.Text.RegularExpressions;
using NginxIngress.Core.Collections;

namespace NginxIngress.Core.Settings;

/// <summary>
/// The access and error logs (reference §3). <see cref="AccessLogPath"/>, <see cref="ErrorLogPath"/> and
/// <see cref="ErrorLogLevel"/> are null unless the ConfigMap sets them: the controller's defaults (stdout and stderr
/// in the container, a file per test in the harness) stay otherwise.
/// </summary>
public sealed partial record LogSettings
{
    /// <summary>
    /// The default of <see cref="AccessLogParams"/>; <see cref="HttpConfigMapKeys.AccessLogParams"/> documents it. Declared
    /// before <see cref="Default"/>: static initializers run in text order.
    /// </summary>
    public static EquatableArray<string> DefaultAccessLogParams { get; } = new[] { "buffer=64k", "flush=1s" }.ToEquatableArray();

    public static readonly LogSettings Default = new();

    /// <summary><c>log-format-upstream</c>, checked by <see cref="LogFormatGrammar"/>.</summary>
    public string Format { get; init; } = LogFormatGrammar.Default;

    /// <summary><c>log-format-escape-json</c>.</summary>
    public bool EscapeJson { get; init; }

    /// <summary><c>log-format-escape-none</c>; wins over <see cref="EscapeJson"/>, as in ingress-nginx's template.</summary>
    public bool EscapeNone { get; init; }

    /// <summary><c>access-log-path</c>; null keeps the controller's.</summary>
    public string? AccessLogPath { get; init; }

    /// <summary>
    /// <c>access-log-params</c>: each parameter as its own token. Unlike ingress-nginx, whose default is none (a
    /// write(2) per request: our nginx served about 60% of a hand-written config's requests per second with it, issue 8),
    /// the default buffers: nginx writes the lines when 64k have gathered, when the oldest is a second old, and when a
    /// worker exits or reopens its logs. An empty value asks for ingress-nginx's unbuffered log.
    /// </summary>
    public EquatableArray<string> AccessLogParams { get; init; } = DefaultAccessLogParams;

    /// <summary><c>error-log-path</c>; null keeps the controller's.</summary>
    public string? ErrorLogPath { get; init; }

    /// <summary><c>error-log-level</c>; null keeps the controller's.</summary>
    public string? ErrorLogLevel { get; init; }

    /// <summary><c>disable-access-log</c>.</summary>
    public bool DisableAccessLog { get; init; }

    /// <summary><c>skip-access-log-urls</c>: map keys on <c>$request_uri</c>, exact or <c>~</c> regexes.</summary>
    public EquatableArray<string> SkipUrls { get; init; } = EquatableArray<string>.Empty;

    internal static LogSettings From(ConfigMapReader reader)
    {
        var d = Default;
        return new LogSettings
        {
            Format = reader.Read(HttpConfigMapKeys.LogFormatUpstream, d.Format, value => (LogFormatGrammar.Accepts(value), value)),
            EscapeJson = reader.Read(HttpConfigMapKeys.LogFormatEscapeJson, d.EscapeJson, ConfigMapValues.Bool),
            EscapeNone = reader.Read(HttpConfigMapKeys.LogFormatEscapeNone, d.EscapeNone, ConfigMapValues.Bool),
            AccessLogPath = reader.Read(HttpConfigMapKeys.AccessLogPath, d.AccessLogPath, value => ConfigMapValues.IsLogPath(value) ? (true, value) : (false, null)),
            // "" is ingress-nginx's own default, no parameters: one write per request, unbuffered.
            AccessLogParams = reader.IsEmpty(HttpConfigMapKeys.AccessLogParams) ? EquatableArray<string>.Empty
                : reader.Read(HttpConfigMapKeys.AccessLogParams, d.AccessLogParams, ParseParams),
            ErrorLogPath = reader.Read(HttpConfigMapKeys.ErrorLogPath, d.ErrorLogPath,
                value => value == "stderr" || ConfigMapValues.IsLogPath(value) ? (true, value) : (false, null)),
            ErrorLogLevel = reader.Read(HttpConfigMapKeys.ErrorLogLevel, d.ErrorLogLevel,
                value => value is "debug" or "info" or "notice" or "warn" or "error" or "crit" or "alert" or "emerg" ? (true, value) : (false, null)),
            DisableAccessLog = reader.Read(HttpConfigMapKeys.DisableAccessLog, d.DisableAccessLog, ConfigMapValues.Bool),
            SkipUrls = reader.Read(HttpConfigMapKeys.SkipAccessLogUrls, d.SkipUrls, value => ConfigMapValues.MatchList(value, ConfigMapValues.ExactUri)),
        };
    }

    /// <summary>buffer=, flush= and gzip only: <c>if=</c> is the controller's (skip-access-log-urls), and each parameter at most once.</summary>
    private static (bool, EquatableArray<string>) ParseParams(string value)
    {
        var parameters = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var ok = parameters.Length > 0
            && parameters.All(parameter => ParamGrammar().Match(parameter) is { Success: true } match
                && (match.Groups["buffer"].Success ? ConfigMapValues.IsSize(match.Groups["buffer"].Value)
                    : !match.Groups["flush"].Success || ConfigMapValues.IsTime(match.Groups["flush"].Value)))
            && parameters.Select(parameter => parameter.Split('=')[0]).Distinct().Count() == parameters.Length;
        return ok ? (true, parameters.ToEquatableArray()) : (false, EquatableArray<string>.Empty);
    }

    [GeneratedRegex(@"^(?:buffer=(?<buffer>[0-9a-zA-Z]+)|flush=(?<flush>[0-9a-zA-Z]+)|gzip(?:=[1-9])?)\z")]
    private static partial Regex ParamGrammar();
}
