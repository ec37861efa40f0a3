using IpfsKit.Errors;

namespace IpfsKit.Tests.Generators;

/// <summary>Runs a decoder on hostile input: it must return or throw the typed IpfsKit exception, nothing else, and finish.</summary>
internal static class Fuzz
{
    public static bool EndsTyped(Action decode, params Type[] allowed)
    {
        var task = Task.Run(() =>
        {
            try
            {
                decode();
                return true;
            }
            catch (Exception ex) when (ex is IpfsKitFormatException || allowed.Contains(ex.GetType()))
            {
                return true;
            }
            catch (Exception ex)
            {
                throw new Xunit.Sdk.XunitException($"Decoder threw {ex.GetType().Name}: {ex.Message}");
            }
        });
        if (!task.Wait(TimeSpan.FromSeconds(10)))
        {
            throw new Xunit.Sdk.XunitException("Decoder did not finish within 10 s (hang).");
        }

        return task.Result;
    }
}
