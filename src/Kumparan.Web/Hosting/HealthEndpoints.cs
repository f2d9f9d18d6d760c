using System.Buffers;
using System.Text.Json;

namespace Kumparan.Web.Hosting;

/// <summary>
/// <c>/healthz</c> (the process answers: 200 "ok", nothing else is asked) and <c>/readyz</c> (200 or 503
/// with the conditions as JSON, see <see cref="Readiness"/>) for load balancers and orchestrators.
/// Answered before the static files and the rendered-response cache, never kept by a cache
/// (<c>no-store</c>), logged like any request.
/// </summary>
public sealed class HealthEndpoints(RequestDelegate next, Readiness readiness)
{
    private static readonly PathString Alive = "/healthz";
    private static readonly PathString Ready = "/readyz";
    private static readonly byte[] Ok = "ok"u8.ToArray();

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        return path == Alive ? WriteAsync(context, StatusCodes.Status200OK, "text/plain; charset=utf-8", Ok)
            : path == Ready ? ReadyAsync(context)
            : next(context);
    }

    private async Task ReadyAsync(HttpContext context)
    {
        var report = await readiness.CheckAsync();
        var body = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(body))
        {
            json.WriteStartObject();
            json.WriteBoolean("ready", report.Ready);
            json.WriteString("role", report.Role);
            json.WriteBoolean("storeReachable", report.StoreReachable);
            json.WriteBoolean("migrated", report.Migrated);
            json.WriteBoolean("caughtUp", report.CaughtUp);
            json.WriteNumber("version", report.Version);
            json.WriteNumber("storeVersion", report.StoreVersion);
            json.WriteBoolean("stopping", report.Stopping);
            json.WriteEndObject();
        }

        await WriteAsync(context, report.Ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable,
            "application/json; charset=utf-8", body.WrittenMemory);
    }

    private static Task WriteAsync(HttpContext context, int status, string contentType, ReadOnlyMemory<byte> body)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = contentType;
        response.Headers.CacheControl = "no-store";
        response.ContentLength = body.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(body).AsTask();
    }
}
