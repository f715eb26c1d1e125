using System.Collections.Immutable;
using NginxIngress.Core.Diagnostics;
using NginxIngress.Core.Model;

namespace NginxIngress.Core.Building;

public sealed record ModelBuildResult(IngressModel Model, ImmutableArray<Problem> Problems);
