using System.CommandLine;
using NginxIngress.Kubernetes.Status;

namespace NginxIngress.Controller.Cli;

/// <summary>ingress-nginx's flags for leader election and Ingress status, with its names and defaults. <c>run</c> only.</summary>
internal sealed class StatusFlags
{
    public Option<string> ElectionId { get; } = new("--election-id")
    {
        Description = "Name of the Lease that elects the replica writing Ingress status.",
        DefaultValueFactory = _ => "ingress-controller-leader",
    };

    public Option<TimeSpan> ElectionTtl { get; } = new("--election-ttl")
    {
        Description = "How long a leader's Lease lasts without renewal (a Go duration such as 30s).",
        DefaultValueFactory = _ => LeaseElectionOptions.DefaultTtl,
        CustomParser = result => GoDuration.Parse(result.Tokens.Single().Value) is { } ttl && ttl > TimeSpan.Zero
            ? ttl
            : Fail(result, "--election-ttl takes a Go duration such as 30s or 1m"),
    };

    public Option<bool> UpdateStatus { get; } = new("--update-status")
    {
        Description = "Write the published addresses into status.loadBalancer of the Ingresses served.",
        DefaultValueFactory = _ => true,
    };

    public Option<string?> PublishStatusAddress { get; } = new("--publish-status-address")
    {
        Description = "Comma-separated addresses to publish; wins over --publish-service.",
    };

    public Option<string?> PublishService { get; } = new("--publish-service")
    {
        Description = "namespace/name of the Service whose addresses are published; without it or --publish-status-address, the controller pods' node addresses are.",
        // ingress-nginx exits on a malformed value too; accepting it would silently fall back to node addresses.
        CustomParser = result => result.Tokens.Single().Value is var value && (value.Length == 0 || IngressStatusOptions.ParseServiceKey(value) is not null)
            ? value
            : FailWith<string?>(result, $"--publish-service takes namespace/name, not '{value}'", null),
    };

    public Option<int> StatusUpdateInterval { get; } = new("--status-update-interval")
    {
        Description = "Seconds between status syncs.",
        DefaultValueFactory = _ => 60,
    };

    public Option<bool> UpdateStatusOnShutdown { get; } = new("--update-status-on-shutdown")
    {
        Description = "Clear the published addresses when the leader stops as the last controller pod.",
        DefaultValueFactory = _ => true,
    };

    public Option<bool> ReportNodeInternalIpAddress { get; } = new("--report-node-internal-ip-address")
    {
        // ingress-nginx's help text, as users will look for it.
        Description = "Set the load-balancer status of Ingress objects to internal Node addresses instead of external. Requires the update-status parameter.",
    };

    public IEnumerable<Option> All => [ElectionId, ElectionTtl, UpdateStatus, PublishStatusAddress, PublishService, StatusUpdateInterval, UpdateStatusOnShutdown, ReportNodeInternalIpAddress];

    public IngressStatusOptions Bind(ParseResult result) => IngressStatusOptions.Default with
    {
        UpdateStatus = result.GetValue(UpdateStatus),
        PublishStatusAddresses = IngressStatusOptions.ParseAddressList(result.GetValue(PublishStatusAddress)),
        PublishService = IngressStatusOptions.ParseServiceKey(result.GetValue(PublishService)),
        UpdateInterval = TimeSpan.FromSeconds(Math.Max(1, result.GetValue(StatusUpdateInterval))),
        UpdateStatusOnShutdown = result.GetValue(UpdateStatusOnShutdown),
        ReportNodeInternalIp = result.GetValue(ReportNodeInternalIpAddress),
    };

    private static TimeSpan Fail(System.CommandLine.Parsing.ArgumentResult result, string message) => FailWith(result, message, TimeSpan.Zero);

    private static T FailWith<T>(System.CommandLine.Parsing.ArgumentResult result, string message, T value)
    {
        result.AddError(message);
        return value;
    }
}
