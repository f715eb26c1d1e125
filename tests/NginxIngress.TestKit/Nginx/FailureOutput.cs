using NUnit.Framework;
using NUnit.Framework.Interfaces;

namespace NginxIngress.TestKit.Nginx;

/// <summary>
/// Prints diagnostics into the current test's output only when it is failing, so a red test shows the nginx.conf
/// and logs that explain it while green runs stay quiet.
/// </summary>
public static class FailureOutput
{
    /// <summary>
    /// True once an assertion of the current test has failed. NUnit records a failed assertion before it throws,
    /// so this holds while fixtures are disposed during the unwinding, before the outcome itself is set.
    /// </summary>
    public static bool TestIsFailing =>
        TestContext.CurrentContext.Result.Outcome.Status == TestStatus.Failed
        || TestContext.CurrentContext.Result.Assertions.Any(assertion => assertion.Status != AssertionStatus.Passed);

    public static async Task WriteIfFailingAsync(Func<string> describe)
    {
        if (TestIsFailing)
        {
            await TestContext.Out.WriteLineAsync(describe());
        }
    }
}
