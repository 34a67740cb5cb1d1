// Starts Swagger UI on the service's OpenAPI document. A file, not an inline script, so the page
// works under a Content-Security-Policy of 'self' (com.trafalgar.apidocs.ApiDocsPage).
(function () {
  "use strict";
  var url = document.body.getAttribute("data-openapi-url");
  window.ui = window.SwaggerUIBundle({
    url: url,
    dom_id: "#swagger-ui",
    deepLinking: true,
    docExpansion: "none",
    showExtensions: true,
    tryItOutEnabled: false,
    // no request to an outside validator service
    validatorUrl: null
  });
}());
