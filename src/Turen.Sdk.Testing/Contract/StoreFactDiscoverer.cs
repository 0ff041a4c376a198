using System;
using System.ComponentModel;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Turen.Sdk.Testing.Contract;

/// <summary>Discovers <see cref="StoreFactAttribute"/> facts as <see cref="StoreTestCase"/>s. Used by xunit only.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class StoreFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    /// <inheritdoc />
    protected override IXunitTestCase CreateTestCase(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        new StoreTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
}

/// <summary>A store fact whose skip reason comes from the concrete test class's <see cref="StoreRequirementAttribute"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class StoreTestCase : XunitTestCase
{
    /// <summary>For xunit's de-serializer only.</summary>
    [Obsolete("Called by the de-serializer only.", error: true)]
    public StoreTestCase()
    {
    }

    /// <summary>Creates the test case.</summary>
    public StoreTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay defaultMethodDisplay, TestMethodDisplayOptions defaultMethodDisplayOptions, ITestMethod testMethod)
        : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod)
    {
    }

    /// <inheritdoc />
    protected override string GetSkipReason(IAttributeInfo factAttribute) =>
        base.GetSkipReason(factAttribute) ?? StoreRequirementAttribute.SkipReasonFor(TestMethod.TestClass.Class.ToRuntimeType())!;
}
