using System;
using System.Reflection;

namespace Turen.Sdk.Testing.Contract;

/// <summary>On a class that runs a store contract suite: the external tool its backend needs.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public abstract class StoreRequirementAttribute : Attribute
{
    /// <summary>Null when the backend's tool is usable; otherwise why it is not.</summary>
    public abstract string? UnavailableReason();

    /// <summary>Why the store facts of <paramref name="testClass"/> are skipped here, or null when they run.</summary>
    public static string? SkipReasonFor(Type testClass)
    {
        ArgumentNullException.ThrowIfNull(testClass);
        return testClass.GetCustomAttribute<StoreRequirementAttribute>(inherit: true) is { } requirement
            ? IntegrationFactAttribute.SkipReason(requirement.UnavailableReason)
            : null;
    }
}
