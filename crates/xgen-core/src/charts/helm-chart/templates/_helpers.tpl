{{/* The service's name: serviceName, else the chart's name. */}}
{{- define "xgen-service.name" -}}
{{- .Values.serviceName | default .Chart.Name -}}
{{- end -}}

{{- define "xgen-service.labels" -}}
app: {{ include "xgen-service.name" . | quote }}
app.kubernetes.io/name: {{ include "xgen-service.name" . | quote }}
app.kubernetes.io/part-of: {{ .Values.global.platform | quote }}
app.kubernetes.io/managed-by: helm
env: {{ .Values.env | default "dev" | quote }}
{{- end -}}

{{- define "xgen-service.selectorLabels" -}}
app: {{ include "xgen-service.name" . | quote }}
app.kubernetes.io/part-of: {{ .Values.global.platform | quote }}
{{- end -}}

{{/* A probe: the health check's kind, then its timings from probes.<kind>. */}}
{{- define "xgen-service.probe" -}}
{{- $check := .root.Values.healthCheck | default dict -}}
{{- if eq ($check.type | default "http") "tcp" }}
tcpSocket:
  port: http
{{- else }}
httpGet:
  path: {{ $check.path | default "/health" | quote }}
  port: http
{{- end }}
{{- with index (.root.Values.probes | default dict) .kind }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* A number where YAML wants one (`replicas: ...`): an int or float as Go
prints it, a string of digits as it is, nothing for nil. Anything else stops
the render: printed as it is, a string could end its line and start another
object (docs/security.md). Takes (list "<name for the message>" value). */}}
{{- define "xgen-service.number" -}}
{{- $v := index . 1 -}}
{{- if kindIs "invalid" $v -}}
{{- else if or (kindIs "int" $v) (kindIs "int64" $v) (kindIs "float64" $v) -}}
{{- $v -}}
{{- else if and (kindIs "string" $v) (regexMatch "^[0-9]+$" $v) -}}
{{- $v -}}
{{- else -}}
{{- fail (printf "%s must be a number, not %s" (index . 0) (toJson $v)) -}}
{{- end -}}
{{- end -}}
