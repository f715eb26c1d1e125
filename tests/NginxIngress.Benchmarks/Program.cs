using BenchmarkDotNet.Running;
using NginxIngress.Benchmarks.Controller;
using NginxIngress.Benchmarks.Churn;
using NginxIngress.Benchmarks.DataPlane;
using NginxIngress.Benchmarks.NginxParse;
using NginxIngress.Benchmarks.ReloadStorm;
using NginxIngress.Benchmarks.Store;
using NginxIngress.Benchmarks.Synthetic;

// Console modes beside BenchmarkDotNet: what they measure needs a real nginx process, the published controller, a folder on disk or the
// heap retained after a full collection, which BenchmarkDotNet's in-process loop is not for.
return args switch
{
    ["nginx-parse", .. var rest] => NginxParseMeasurement.Run(rest),
    ["controller", .. var rest] => ControllerMeasurement.Run(rest),
    ["manifests", .. var rest] => ManifestExport.Run(rest),
    ["store-memory", .. var rest] => StoreMemoryMeasurement.Run(rest),
    ["reload-storm", .. var rest] => ReloadStormMeasurement.Run(rest),
    ["data-plane", .. var rest] => DataPlaneMeasurement.Run(rest),
    ["churn", .. var rest] => ChurnMeasurement.Run(rest),
    _ => RunBenchmarks(args),
};

static int RunBenchmarks(string[] args)
{
    var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args).ToList();
    return summaries.Any(summary => summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success)) ? 1 : 0;
}
