using Turen.Sdk.Credentials;

namespace Turen.Sdk.Testing;

/// <summary>A machine identifier the test chooses, to play "this machine" and "another machine".</summary>
public sealed class FakeMachineIdentifierSource(string id) : IMachineIdentifierSource
{
    public int Calls { get; private set; }

    public string GetMachineIdentifier()
    {
        Calls++;
        return id;
    }
}
