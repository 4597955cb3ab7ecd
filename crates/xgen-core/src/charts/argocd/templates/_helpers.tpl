{{/* A map key as one segment of a `--set` name. Helm's strvals reads `.`,
`[`, `,` and `=` in a name as syntax and `\` as the escape before any rune,
and Argo CD passes the name as it is, so each of those is escaped: a var
`spring.profile` stays one ConfigMap key (docs/rendering.md, docs/security.md). */}}
{{- define "xgen-argocd.setKey" -}}
{{- regexReplaceAll "([\\\\.\\[,=])" (toString .) "\\${1}" -}}
{{- end -}}
