// Starts Swagger UI on the app's own OpenAPI document (kept external: the CSP allows no inline script).
window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/openapi/uklad-0.1.yml',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout'
  });
});
