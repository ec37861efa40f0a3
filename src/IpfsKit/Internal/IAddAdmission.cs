namespace IpfsKit.Internal;

/// <summary>
/// A role transport that admits adds one by one (the master's spool budget). Callers that import into the local node
/// themselves instead of calling <see cref="Transports.IIpfsTransport.AddAsync"/> (the host's multipart add) enter it too,
/// import through <see cref="IAddSpool.Through"/> and end with <see cref="IAddSpool.CompleteAsync"/>.
/// </summary>
internal interface IAddAdmission
{
    /// <summary>Waits until an add may start; dispose the spool when the add has ended, whatever the outcome.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The add's spool, or <see langword="null"/> when nothing is gated.</returns>
    Task<IAddSpool?> EnterAddAsync(CancellationToken cancellationToken);
}
