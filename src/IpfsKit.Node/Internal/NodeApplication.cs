using IpfsKit.Node.Gateway;
using IpfsKit.Roles;
using IpfsKit.Roles.Coordination;
using IpfsKit.Storage;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace IpfsKit.Node.Internal;

/// <summary>Builds the web application from validated <see cref="NodeSettings"/>.</summary>
internal static class NodeApplication
{
    /// <summary>A leecher's memory budget unless MAX_MEMORY says otherwise.</summary>
    public static readonly ByteSize LeecherMaxMemory = ByteSize.FromMebibytes(64);

    /// <summary>A leecher's disk budget unless MAX_STORAGE says otherwise.</summary>
    public static readonly ByteSize LeecherMaxStorage = ByteSize.FromGibibytes(1);

    /// <summary>
    /// The framework's own categories (ASP.NET's request lines, HttpClient's four lines a call) log at Warning and above
    /// unless <c>IPFS_KIT_LOG_LEVEL</c> asks for less or the configuration sets them (<c>Logging__LogLevel__Microsoft</c>).
    /// </summary>
    private static void QuietFrameworkLogs(WebApplicationBuilder builder, LogLevel level)
    {
        var floor = level > LogLevel.Warning ? level : LogLevel.Warning;
        foreach (var category in (string[])["Microsoft", "System.Net.Http"])
        {
            if (builder.Configuration[$"Logging:LogLevel:{category}"] is null)
            {
                builder.Logging.AddFilter(category, floor);
            }
        }
    }

    public static WebApplication Build(NodeSettings settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ApplicationName = typeof(Program).Assembly.GetName().Name });
        if (settings.ConfigFile is not null)
        {
            builder.Configuration.AddJsonFile(settings.ConfigFile, optional: false, reloadOnChange: false);
        }

        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);
        builder.Logging.SetMinimumLevel(settings.LogLevel);
        QuietFrameworkLogs(builder, settings.LogLevel);

        var bodyTimeouts = RequestBodyTimeouts.From(builder.Configuration);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Small unless an endpoint says otherwise (RequestBodyLimits): add and dag/import stream without a limit.
            kestrel.Limits.MaxRequestBodySize = RequestBodyLimits.Control;
            kestrel.Limits.MinRequestBodyDataRate = bodyTimeouts.Rate; // a trickling upload ends in 408
            KestrelBinding.Listen(kestrel, settings.ApiHost, settings.ApiPort);
        });

        GatewayHost.Configure(builder, settings);
        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddIpfsKit(builder.Configuration.GetSection(IpfsKitOptions.SectionName)).UseEmbeddedNode(storage =>
        {
            storage.Path = settings.DataPath;
            // A leecher caches: small budgets unless MAX_MEMORY/MAX_STORAGE or the configuration say otherwise.
            var leecher = settings.Role == NodeRole.Leecher;
            var configured = builder.Configuration.GetSection(IpfsKitOptions.SectionName + ":Storage");
            storage.MaxMemory = settings.MaxMemory ?? (leecher && configured["MaxMemory"] is null ? LeecherMaxMemory : storage.MaxMemory);
            storage.MaxStorage = settings.MaxStorage ?? (leecher && configured["MaxStorage"] is null ? LeecherMaxStorage : storage.MaxStorage);
        }).UseRole(settings.Role, roles =>
        {
            roles.MasterNode = settings.MasterNode ?? roles.MasterNode;
            roles.ApiToken = settings.ApiToken ?? roles.ApiToken;
            roles.AdvertisedUrl = settings.AdvertisedUrl;
            roles.Zone = settings.Zone ?? roles.Zone;
            roles.Tags = settings.Tags ?? roles.Tags;
            roles.SpoolBudget = settings.SpoolBudget ?? roles.SpoolBudget;
            roles.AwayGrace = settings.AwayGrace ?? roles.AwayGrace;
            settings.Edge.ApplyTo(roles);
            foreach (var url in settings.KuboWorkers)
            {
                roles.KuboWorkers.Add(new KuboWorkerEndpoint { Url = url });
            }

            foreach (var url in settings.ClusterMembers)
            {
                roles.ClusterMembers.Add(new IpfsClusterMemberEndpoint { Url = url });
            }
        });
        services.AddSingleton<Readiness>();
        services.AddHostedService(sp => sp.GetRequiredService<Readiness>());
        services.AddSingleton<PrometheusCollector>();
        services.AddHealthChecks()
            .AddCheck<StorageHealthCheck>("storage")
            .AddCheck<TransportHealthCheck>("transport")
            .AddCheck<MasterLinkHealthCheck>("masterLink")
            .AddCheck<ClusterHealthCheck>("cluster");

        var app = builder.Build();
        var time = app.Services.GetRequiredService<TimeProvider>();
        GatewayHost.Map(app, settings); // its own port, its own rules: before the API's middleware
        app.Use((context, next) =>
        {
            IdleTimeoutStream.Wrap(context, bodyTimeouts.Idle, time); // a stalled upload ends in 408
            return next(context);
        });
        app.UseMiddleware<CorrelationMiddleware>();
        app.Use(async (context, next) =>
        {
            // A call from this node's master (composite clusters): served from here and below, never asked back up.
            if (!context.Request.Headers.ContainsKey(CoordinationPaths.DownOnlyHeader))
            {
                await next(context).ConfigureAwait(false);
                return;
            }

            using (CoordinationPaths.EnterDownOnly())
            {
                await next(context).ConfigureAwait(false);
            }
        });
        app.UseMiddleware<BrowserRequestGuard>(); // before the token: preflights carry none
        app.UseMiddleware<BearerTokenMiddleware>();

        // Liveness: 200 while the process answers, whatever the components say (their status is in the body): a full
        // disk or a master away must not restart the node. Readiness (/ready) is whether it can serve now.
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthResponseWriter.WriteAsync, ResultStatusCodes = HealthResponseWriter.AlwaysOk });
        app.MapGet("/ready", (Readiness readiness) => readiness.NotReadyReason is { } reason
            ? Results.Json(
                new { status = readiness.IsOpen ? "not-ready" : "starting", error = HealthResponseWriter.HidePath(reason, settings.DataPath) },
                statusCode: StatusCodes.Status503ServiceUnavailable)
            : Results.Json(new { status = "ready" }));
        app.MapGet("/metrics", (PrometheusCollector collector) =>
            Results.Text(collector.Render(), "text/plain; version=0.0.4; charset=utf-8"));
        if (settings.ServeKuboApi)
        {
            KuboApiEndpoints.Map(app);
        }

        if (settings.Role == NodeRole.Master)
        {
            CoordinationEndpoints.Map(app);
        }

        // Start listening to the meter before any instrument records.
        _ = app.Services.GetRequiredService<PrometheusCollector>();
        return app;
    }
}
