using System.Collections;
using IpfsKit.Node;
using IpfsKit.Storage;
using k8s.Models;

namespace IpfsKit.Deployment.Tests.Kubernetes;

/// <summary>Checks shared by the raw manifests and the rendered chart, on the typed models.</summary>
internal static partial class Workloads
{
    public const string PlaceholderSecret = "placeholder-secret-for-validation";

    public static IEnumerable<(Manifest Manifest, V1PodSpec Pod)> PodSpecs(IEnumerable<Manifest> manifests) =>
        manifests.Select(static m => m.Model switch
        {
            V1StatefulSet s => (m, s.Spec.Template.Spec),
            V1Deployment d => (m, d.Spec.Template.Spec),
            _ => (m, (V1PodSpec?)null),
        }).Where(static p => p.Item2 is not null).Select(static p => (p.m, p.Item2!));

    public static void AssertHardened(string what, V1PodSpec pod)
    {
        Assert.True(pod.SecurityContext?.RunAsNonRoot == true && pod.SecurityContext.RunAsUser is > 0, $"{what}: runs as non-root");
        foreach (var container in pod.Containers)
        {
            Assert.NotNull(container.Resources?.Requests);
            Assert.NotNull(container.Resources?.Limits);
            Assert.Contains("cpu", container.Resources!.Requests.Keys);
            Assert.Contains("memory", container.Resources.Limits.Keys);
            Assert.Equal("/health", container.LivenessProbe?.HttpGet?.Path);
            Assert.Equal("/ready", container.ReadinessProbe?.HttpGet?.Path);
            Assert.Equal("/data/ipfs", container.VolumeMounts.Single(static v => v.Name == "data").MountPath);
            Assert.Equal("/ready", container.StartupProbe?.HttpGet?.Path); // until the storage is open, however long the scan
            Assert.True(container.StartupProbe!.PeriodSeconds * container.StartupProbe.FailureThreshold >= 1800, $"{what}: the startup budget fits a large store (30 min)");
        }

        Assert.Equal("OnRootMismatch", pod.SecurityContext.FsGroupChangePolicy);
    }

    /// <summary>
    /// Replaces each <c>*_FILE</c> variable by a temporary file holding <see cref="PlaceholderSecret"/>, after tracing it
    /// to a read-only mount of a Secret volume that holds that key (when the Secret is among the manifests).
    /// </summary>
    public static void MaterializeSecretFiles(string what, V1PodSpec pod, V1Container container, Dictionary<string, string> env, IEnumerable<Manifest> manifests, string folder)
    {
        var secrets = manifests.Select(static m => m.Model).OfType<V1Secret>().ToList();
        foreach (var name in env.Keys.Where(static k => k.EndsWith("_FILE", StringComparison.Ordinal) && k != "IPFS_KIT_CONFIG_FILE").ToList())
        {
            var path = env[name];
            var mount = Assert.Single(container.VolumeMounts, m => path.StartsWith(m.MountPath.TrimEnd('/') + "/", StringComparison.Ordinal));
            Assert.True(mount.ReadOnlyProperty == true, $"{what}: {name}'s mount is read-only");
            var volume = pod.Volumes.Single(v => v.Name == mount.Name).Secret;
            Assert.True(volume is not null, $"{what}: {name} lies on a Secret volume");
            var key = path[(mount.MountPath.TrimEnd('/').Length + 1)..];
            if (secrets.SingleOrDefault(s => s.Metadata.Name == volume!.SecretName) is { } secret)
            {
                Assert.True((secret.StringData?.ContainsKey(key) ?? false) || (secret.Data?.ContainsKey(key) ?? false), $"{what}: Secret {secret.Metadata.Name} has the key {key}");
            }

            var file = Path.Combine(folder, name);
            File.WriteAllText(file, PlaceholderSecret + "\n");
            env[name] = file;
        }
    }

    /// <summary>
    /// The environment a container would see: its ConfigMap envFrom, its env (secrets replaced by a placeholder,
    /// the downward API by sample values, <c>$(VAR)</c> expanded like the kubelet does).
    /// </summary>
    public static Dictionary<string, string> Environment(V1Container container, IEnumerable<Manifest> manifests)
    {
        var configMaps = manifests.Select(static m => m.Model).OfType<V1ConfigMap>().ToDictionary(static c => c.Metadata.Name, static c => c.Data);
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in container.EnvFrom ?? [])
        {
            Assert.True(configMaps.TryGetValue(source.ConfigMapRef.Name, out var data), $"ConfigMap {source.ConfigMapRef.Name} exists");
            foreach (var (key, value) in data)
            {
                env[key] = value;
            }
        }

        foreach (var variable in container.Env ?? [])
        {
            env[variable.Name] = variable.ValueFrom switch
            {
                { SecretKeyRef: not null } => PlaceholderSecret,
                { FieldRef.FieldPath: "metadata.name" } => "pod-0",
                { FieldRef.FieldPath: "metadata.namespace" } => "default",
                { FieldRef.FieldPath: "status.podIP" } => "10.0.0.1",
                null => System.Text.RegularExpressions.Regex.Replace(variable.Value ?? "", @"\$\(([A-Z_]+)\)", m => env.GetValueOrDefault(m.Groups[1].Value, m.Value)),
                _ => throw new InvalidOperationException($"{variable.Name}: unexpected valueFrom"),
            };
        }

        return env;
    }

    /// <summary>Every workload's environment is accepted by the host, names and values, with the port and probe ports agreeing.</summary>
    public static void AssertEnvironmentAccepted(IReadOnlyList<Manifest> manifests)
    {
        var services = manifests.Select(static m => m.Model).OfType<V1Service>().ToList();
        foreach (var (manifest, pod) in PodSpecs(manifests))
        {
            var container = pod.Containers.Single();
            var env = Environment(container, manifests);
            var folder = Directory.CreateTempSubdirectory("ipfs-kit-secrets");
            MaterializeSecretFiles(manifest.ToString(), pod, container, env, manifests, folder.FullName);
            foreach (var name in env.Keys.Where(HostContract.IsHostVariable))
            {
                Assert.True(NodeSettings.EnvironmentVariables.Contains(name), $"{manifest}: {name} is not read by the host");
            }

            // The image's entrypoint takes the role first and passes the rest on: ipfs-kit --role <role> <rest>.
            Assert.Contains(container.Args[0], HostContract.Roles);
            var settings = NodeSettings.FromEnvironment(new Hashtable(env), ["--role", .. container.Args]);
            folder.Delete(recursive: true);
            Assert.Equal(PlaceholderSecret, settings.ApiToken); // read from the mounted file
            Assert.Equal(container.Args[0], settings.Role.ToString().ToLowerInvariant());
            Assert.True(settings.ServeKuboApi, $"{manifest}: serves /api/v0, which its Service exposes (the leecher with --api)");
            Assert.False(settings.IsLoopback, $"{manifest}: binds beyond loopback, so other pods can reach it");
            Assert.Equal("/data/ipfs", settings.DataPath);

            var port = Assert.Single(container.Ports, static p => p.Name == "http");
            Assert.Equal(settings.ApiPort, port.ContainerPort);
            Assert.All(container.Ports.Where(static p => p.Name != "http"), p => Assert.True(p.Name == "gateway" && p.ContainerPort == settings.GatewayPort, $"{manifest}: port {p.Name} {p.ContainerPort}"));
            foreach (var probe in new[] { container.StartupProbe, container.LivenessProbe, container.ReadinessProbe }.OfType<V1Probe>())
            {
                Assert.True(probe.HttpGet.Port.Value == port.Name || probe.HttpGet.Port.Value == port.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{manifest}: probe port");
            }

            if (settings.Role != Roles.NodeRole.Master)
            {
                var master = services.Single(s => settings.MasterNode!.Host == s.Metadata.Name);
                Assert.Equal(settings.MasterNode!.Port, master.Spec.Ports.Single().Port);
                Assert.Equal("master", master.Spec.Selector["app.kubernetes.io/component"]);
            }
        }

        foreach (var service in services)
        {
            var servicePort = service.Spec.Ports.Single();
            var selected = PodSpecs(manifests).Where(p => SelectorMatches(service.Spec.Selector, p.Manifest)).ToList();
            Assert.True(selected.Count > 0, $"{service.Metadata.Name} selects a workload");
            Assert.True(servicePort.TargetPort.Value is "http" or "8000"
                || (servicePort.TargetPort.Value == "gateway" && selected.All(static p => p.Pod.Containers.Single().Ports.Any(static c => c.Name == "gateway"))), $"{service.Metadata.Name}: targetPort");
        }
    }

    public static void AssertBudgetsFit(IReadOnlyList<Manifest> manifests)
    {
        foreach (var (manifest, pod) in PodSpecs(manifests))
        {
            var container = pod.Containers.Single();
            var env = Environment(container, manifests);
            var volume = manifest.Model switch
            {
                V1StatefulSet s => s.Spec.VolumeClaimTemplates.Single(static v => v.Metadata.Name == "data").Spec,
                _ => manifests.Select(static m => m.Model).OfType<V1PersistentVolumeClaim>()
                    .Single(c => c.Metadata.Name == pod.Volumes.Single(static v => v.Name == "data").PersistentVolumeClaim.ClaimName).Spec,
            };
            Assert.True(ByteSize.Parse(env["MAX_STORAGE"]).Bytes < volume.Resources.Requests["storage"].ToInt64(), $"{manifest}: MAX_STORAGE below the volume size");
        }

        AssertSizingHasHeadroom(manifests);
    }

    private static bool SelectorMatches(IDictionary<string, string> selector, Manifest workload)
    {
        var labels = workload.Model switch
        {
            V1StatefulSet s => s.Spec.Template.Metadata.Labels,
            V1Deployment d => d.Spec.Template.Metadata.Labels,
            _ => new Dictionary<string, string>(),
        };
        return selector.All(p => labels.TryGetValue(p.Key, out var v) && v == p.Value);
    }
}
