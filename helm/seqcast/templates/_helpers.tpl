{{/* Chart name, at most 63 characters (a DNS label). */}}
{{- define "seqcast.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Fully qualified app name, at most 63 characters (a DNS label).
The release name alone when it already contains the chart name.
*/}}
{{- define "seqcast.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Chart name and version, for the helm.sh/chart label. */}}
{{- define "seqcast.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels on every object. */}}
{{- define "seqcast.labels" -}}
helm.sh/chart: {{ include "seqcast.chart" . }}
{{ include "seqcast.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | trunc 63 | trimSuffix "-" | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: seqcast
{{- end }}

{{/* Selector labels of the serving pods (immutable once installed: never add to them). */}}
{{- define "seqcast.selectorLabels" -}}
app.kubernetes.io/name: {{ include "seqcast.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Name of the service account the pods run as. */}}
{{- define "seqcast.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "seqcast.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Name of the Secret holding API keys and database credentials (the chart's or an existing one). */}}
{{- define "seqcast.secretName" -}}
{{- default (include "seqcast.fullname" .) .Values.secrets.existingSecret }}
{{- end }}

{{/* The image reference. */}}
{{- define "seqcast.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}
{{- end }}

{{/* Name of the PersistentVolumeClaim of the file-system registry. */}}
{{- define "seqcast.pvcName" -}}
{{- default (printf "%s-models" (include "seqcast.fullname" .)) .Values.persistence.existingClaim }}
{{- end }}

{{/*
Environment of every seqcast container (serving pods and the retrain job):
the ConfigMap, then secrets by key, then extraEnv.
*/}}
{{- define "seqcast.env" -}}
envFrom:
  - configMapRef:
      name: {{ include "seqcast.fullname" . }}
env:
  - name: SEQCAST_SECURITY_API_KEYS
    valueFrom:
      secretKeyRef:
        name: {{ include "seqcast.secretName" . }}
        key: {{ .Values.secrets.keys.apiKeys }}
        optional: true
  {{- if eq .Values.registry.store "postgres" }}
  - name: SPRING_DATASOURCE_USERNAME
    valueFrom:
      secretKeyRef:
        name: {{ include "seqcast.secretName" . }}
        key: {{ .Values.secrets.keys.databaseUsername }}
  - name: SPRING_DATASOURCE_PASSWORD
    valueFrom:
      secretKeyRef:
        name: {{ include "seqcast.secretName" . }}
        key: {{ .Values.secrets.keys.databasePassword }}
  {{- end }}
  {{- with .Values.extraEnv }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
{{- end }}

{{/* Volumes of every seqcast pod: /tmp, and /models for the file-system registry. */}}
{{- define "seqcast.volumes" -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ .Values.tmpSizeLimit }}
{{- if eq .Values.registry.store "filesystem" }}
- name: models
  {{- if .Values.persistence.enabled }}
  persistentVolumeClaim:
    claimName: {{ include "seqcast.pvcName" . }}
  {{- else }}
  emptyDir: {}
  {{- end }}
{{- end }}
{{- end }}

{{- define "seqcast.volumeMounts" -}}
- name: tmp
  mountPath: /tmp
{{- if eq .Values.registry.store "filesystem" }}
- name: models
  mountPath: {{ .Values.registry.directory }}
{{- end }}
{{- end }}

{{/*
Labels of the retrain Job's pods: a name of their own, so that the Deployment, the Service and the
PodDisruptionBudget never select them.
*/}}
{{- define "seqcast.retrainLabels" -}}
helm.sh/chart: {{ include "seqcast.chart" . }}
app.kubernetes.io/name: {{ include "seqcast.name" . | trunc 55 | trimSuffix "-" }}-retrain
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: retrain
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | trunc 63 | trimSuffix "-" | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: seqcast
{{- end }}

{{- define "seqcast.retrainPod" -}}
metadata:
  labels:
    {{- include "seqcast.retrainLabels" . | nindent 4 }}
spec:
  restartPolicy: Never
  {{- with .Values.imagePullSecrets }}
  imagePullSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  serviceAccountName: {{ include "seqcast.serviceAccountName" . }}
  automountServiceAccountToken: false
  securityContext:
    {{- toYaml .Values.podSecurityContext | nindent 4 }}
  containers:
    - name: retrain
      image: {{ include "seqcast.image" . | quote }}
      imagePullPolicy: {{ .Values.image.pullPolicy }}
      args:
        - --seqcast.job=train
        - --seqcast.train.model={{ .Values.retrain.model }}
        - --seqcast.train.data=/data/{{ .Values.retrain.dataKey }}
        - --spring.main.web-application-type=none
        {{- range .Values.retrain.extraArgs }}
        - {{ . | quote }}
        {{- end }}
      securityContext:
        {{- toYaml .Values.securityContext | nindent 8 }}
      {{- include "seqcast.env" . | nindent 6 }}
      resources:
        {{- toYaml .Values.retrain.resources | nindent 8 }}
      volumeMounts:
        {{- include "seqcast.volumeMounts" . | nindent 8 }}
        - name: training-data
          mountPath: /data
          readOnly: true
  volumes:
    {{- include "seqcast.volumes" . | nindent 4 }}
    - name: training-data
      configMap:
        name: {{ required "retrain.dataConfigMap must name the ConfigMap with the training request" .Values.retrain.dataConfigMap }}
  {{- with .Values.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .Values.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}

{{/*
PromQL label matchers of this release's series as Prometheus Operator scrapes them through the chart's
ServiceMonitor: job (serviceMonitor.jobName, via the Service label the ServiceMonitor's jobLabel names),
namespace and service (the Service's name). Every alert of the PrometheusRule selects on them.
*/}}
{{- define "seqcast.metricsSelector" -}}
job="{{ .Values.serviceMonitor.jobName }}", namespace="{{ .Release.Namespace }}", service="{{ include "seqcast.fullname" . }}"
{{- end }}

{{/* Labels of the `helm test` pod: its own name, so that the Service never selects it. */}}
{{- define "seqcast.testLabels" -}}
helm.sh/chart: {{ include "seqcast.chart" . }}
app.kubernetes.io/name: {{ include "seqcast.name" . | trunc 58 | trimSuffix "-" }}-test
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: test
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | trunc 63 | trimSuffix "-" | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: seqcast
{{- end }}
