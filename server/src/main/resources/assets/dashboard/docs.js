// Renders the served contract with Swagger UI (loaded from this server by the page before this file).
window.addEventListener('DOMContentLoaded', function () {
  var target = document.getElementById('swagger-ui');
  window.ui = SwaggerUIBundle({
    url: target.getAttribute('data-url'),
    domNode: target,
    deepLinking: true,
    tryItOutEnabled: false,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout'
  });
});
