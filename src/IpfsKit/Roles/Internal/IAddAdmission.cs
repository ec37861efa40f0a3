namespace IpfsKit.Roles.Internal;

/// <summary>
/// A role transport that admits adds one by one (the master's spool budget). Callers that import into the local node
/// themselves instead of calling <see cref="Transports.IIpfsTransport.AddAsync"/> (the host's multipart add) enter it too.
/// </summary>
internal interface IAddAdmission
{
    /// <summary>Waits until an add may start; dispose the lease when the add has ended.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The lease, or <see langword="null"/> when nothing is gated.</returns>
    Task<IDisposable?> EnterAddAsync(CancellationToken cancellationToken);
}
