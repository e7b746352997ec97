// Swagger UI over the document this server serves. A file rather than an inline script, so that
// the page's Content-Security-Policy allows scripts from this server alone.
window.addEventListener('load', () => {
  window.ui = SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    // The key entered once under "Authorize" is kept in this browser across reloads.
    persistAuthorization: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
  });
});
