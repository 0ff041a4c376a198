namespace Turen.Sdk.Credentials;

/// <summary>
/// Supplies the identifier of the machine an agent state file is bound to (<c>/etc/machine-id</c>, IOPlatformUUID,
/// MachineGuid). Tests pass a fake to simulate another machine.
/// </summary>
/// <remarks>
/// A hardware identifier is not a secret: any local user (and often any program) can read it. It is mixed into the key
/// derivation only to bind the file to this machine, so that a state file copied elsewhere, even together with the
/// machine secret, fails with <see cref="MachineMismatchException"/>. The secrecy comes from the random machine secret.
/// </remarks>
public interface IMachineIdentifierSource
{
    /// <summary>A stable, non-empty identifier of this machine.</summary>
    /// <exception cref="MachineIdentityUnavailableException">The operating system offers no identifier.</exception>
    string GetMachineIdentifier();
}
