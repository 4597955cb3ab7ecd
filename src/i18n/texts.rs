//! The table: one constant per UI text, English then Korean, grouped by where
//! the page shows it. `{name}` marks an argument filled in at run time.

use super::Text;

macro_rules! texts {
    ($($key:ident: $en:literal => $ko:literal,)*) => {
        $(pub const $key: Text = Text { key: stringify!($key), en: $en, ko: $ko };)*
        /// Every text of the table (the tests walk it).
        pub const ALL: &[Text] = &[$($key),*];
    };
}

texts! {
    // Header and page.
    ENVIRONMENT: "Environment" => "환경",
    LANGUAGE: "Language" => "언어",
    OPEN_FILES: "Open files…" => "파일 열기…",
    OPEN_FILES_LABEL: "Open files" => "파일 열기",
    UNDO: "Undo" => "실행 취소",
    REDO: "Redo" => "다시 실행",
    LOAD_EXAMPLE: "Load example" => "예제 불러오기",
    START_FRESH: "Start fresh" => "새로 시작",
    SHARE_LINK: "Share link" => "공유 링크",
    DOWNLOAD_BUNDLE: "Download bundle" => "번들 다운로드",
    SECRETS_AS_PLACEHOLDERS: "Secrets as placeholders" => "시크릿을 자리표시자로",
    SECRETS_AS_PLACEHOLDERS_N: "Secrets as placeholders ({n} in plain text)" => "시크릿을 자리표시자로 (평문 {n}개)",
    NO_ERRORS: "no errors" => "오류 없음",
    ONE_ERROR: "1 error" => "오류 1개",
    N_ERRORS: "{n} errors" => "오류 {n}개",
    DISMISS: "Dismiss message" => "메시지 닫기",
    SHARE_LINK_COPIED: "Share link (copied)" => "공유 링크 (복사됨)",
    NO_PROJECT: "(no project)" => "(프로젝트 없음)",
    NAME: "Name" => "이름",
    DESCRIPTION: "Description" => "설명",
    NAMESPACE: "Namespace" => "네임스페이스",
    FILE: "File" => "파일",
    ENVIRONMENTS_N: "Environments ({n})" => "환경 ({n})",
    IMPORT: "Import" => "가져오기",
    IMPORT_HELP: "Drop a project file, values files or a bundle zip anywhere on the page, or paste YAML."
        => "프로젝트 파일, values 파일 또는 번들 zip을 페이지 아무 곳에나 끌어다 놓거나 YAML을 붙여 넣으세요.",
    PROJECT_URL: "Project URL" => "프로젝트 URL",
    OPEN_URL: "Open URL" => "URL 열기",
    PASTE_YAML: "Paste YAML" => "YAML 붙여 넣기",
    IMPORT_PASTED: "Import pasted text" => "붙여 넣은 텍스트 가져오기",
    DROP_FILES: "Drop files to import" => "놓으면 파일을 가져옵니다",

    // Messages of the banner.
    LOADED: "Loaded {names}." => "{names}을(를) 불러왔습니다.",
    NOTHING_CHANGED: "Nothing was changed. {error}" => "아무것도 바뀌지 않았습니다. {error}",
    LINK_NOT_OPENED: "The shared link could not be opened: {error}." => "공유 링크를 열 수 없습니다: {error}.",
    OPENED_SHARED: "Opened a shared link. Any secrets in it are placeholders (${NAME}): fill them in before you deploy. Your own saved work stays until you edit this."
        => "공유 링크를 열었습니다. 링크 안의 시크릿은 자리표시자(${NAME})이니 배포하기 전에 채우세요. 이 프로젝트를 편집하기 전까지는 저장해 둔 작업이 그대로 남습니다.",
    RESTORED: "Restored your work from this browser. \"Start fresh\" discards it."
        => "이 브라우저에 저장된 작업을 복원했습니다. \"새로 시작\"을 누르면 지워집니다.",
    RESTORED_INSTEAD: "Restored your work from this browser instead." => "대신 이 브라우저에 저장된 작업을 복원했습니다.",
    RESTORE_FAILED: "Your saved work could not be restored ({error}); opened the example."
        => "저장된 작업을 복원하지 못해({error}) 예제를 열었습니다.",
    OPENED_EXAMPLE_INSTEAD: "Opened the example instead." => "대신 예제를 열었습니다.",
    STARTED_FRESH: "Started fresh from the example." => "예제로 새로 시작했습니다.",
    SHARE_COPIED: "Share link copied. It holds the whole project: anyone with the link can read it."
        => "공유 링크를 복사했습니다. 링크에 프로젝트 전체가 들어 있어 링크를 가진 사람은 누구나 읽을 수 있습니다.",
    SHARE_COPIED_SECRET: "Share link copied. 1 secret value became a placeholder (${NAME}) in it: whoever opens it must fill it in. Anyone with the link can read the rest of the project."
        => "공유 링크를 복사했습니다. 시크릿 값 1개가 링크에서 자리표시자(${NAME})로 바뀌었으니 여는 사람이 채워야 합니다. 나머지 프로젝트는 링크를 가진 사람은 누구나 읽을 수 있습니다.",
    SHARE_COPIED_SECRETS: "Share link copied. {n} secret values became placeholders (${NAME}) in it: whoever opens it must fill them in. Anyone with the link can read the rest of the project."
        => "공유 링크를 복사했습니다. 시크릿 값 {n}개가 링크에서 자리표시자(${NAME})로 바뀌었으니 여는 사람이 채워야 합니다. 나머지 프로젝트는 링크를 가진 사람은 누구나 읽을 수 있습니다.",
    NO_LINK: "No link was made: {error}." => "링크를 만들지 못했습니다: {error}.",
    BUNDLE_FAILED: "Could not build the bundle: {error}" => "번들을 만들 수 없습니다: {error}",
    READ_FAILED: "{file}: the browser could not read the file" => "{file}: 브라우저가 파일을 읽지 못했습니다",
    FETCH_FAILED: "{url}: could not fetch ({error})" => "{url}: 가져오지 못했습니다 ({error})",
    SERVER_ANSWERED: "{url}: the server answered {status}" => "{url}: 서버가 {status}(으)로 응답했습니다",
    READ_ANSWER_FAILED: "{url}: could not read the answer ({error})" => "{url}: 응답을 읽지 못했습니다 ({error})",
    DOWNLOAD_FAILED: "Could not start the download ({error})." => "다운로드를 시작하지 못했습니다 ({error}).",
    CLIPBOARD_DENIED: "The browser did not allow copying to the clipboard." => "브라우저가 클립보드 복사를 허용하지 않았습니다.",

    // Sections.
    SECTIONS: "Sections" => "섹션",
    OVERVIEW: "Overview" => "개요",
    PROJECT: "Project" => "프로젝트",
    ENVIRONMENTS: "Environments" => "환경 목록",
    SERVICES: "Services" => "서비스",
    ROUTES: "Routes" => "라우트",
    TRAFFIC_POLICY: "Traffic policy" => "트래픽 정책",
    ALERTS: "Alerts" => "알림",
    SIMULATOR: "Simulator" => "시뮬레이터",

    // Problems.
    PROBLEMS_N: "Problems ({n})" => "문제 ({n})",
    NO_PROBLEMS: "No problems found." => "문제가 없습니다.",
    GO_TO_FIELD: "{code} {severity}: go to the field" => "{code} {severity}: 해당 입력란으로 이동",
    SEVERITY_ERROR: "error" => "오류",
    SEVERITY_WARNING: "warning" => "경고",
    SEVERITY_INFO: "info" => "정보",

    // Overview.
    SERVER: "Server" => "서버",
    DOMAIN: "Domain" => "도메인",
    SERVICES_IN_CAPTION: "{n} services in {env}" => "{env}의 서비스 {n}개",
    SERVICE: "Service" => "서비스 이름",
    REPLICAS: "Replicas" => "레플리카",
    AUTOSCALING: "Autoscaling" => "오토스케일링",
    VALUES_FILE: "Values file" => "values 파일",
    YES: "yes" => "예",
    NO: "no" => "아니요",
    OFF: "off" => "꺼짐",
    CHART_DEFAULT: "chart default" => "차트 기본값",
    MIN_FROM_CHART: "min {min}, max from chart" => "최소 {min}, 최대는 차트 값",
    MAX_FROM_CHART: "max {max}, min from chart" => "최대 {max}, 최소는 차트 값",
    NO_NAME: "(no name)" => "(이름 없음)",

    // Preview.
    PREVIEW: "Preview" => "미리 보기",
    RENDER_STATS: "{n} files · built in {ms} ms" => "파일 {n}개 · {ms} ms 만에 생성",
    SOURCES_AND_CHARTS: "Sources and charts" => "소스와 차트",
    RENDERED_ENV: "Rendered · {env}" => "렌더링 결과 · {env}",
    NO_FILE: "No file." => "파일이 없습니다.",
    CHANGES_REGION: "Changes against the imported file" => "가져온 파일과 비교한 변경 사항",
    FILE_CONTENTS: "File contents" => "파일 내용",
    BUNDLE_FILES: "Bundle files" => "번들 파일",
    COMPARE: "Compare with imported" => "가져온 파일과 비교",
    COPY_FILE: "Copy file" => "파일 복사",
    DOWNLOAD_FILE: "Download file" => "파일 다운로드",

    // Project.
    ARGO_PROJECT: "Argo CD project" => "Argo CD 프로젝트",
    GIT_SOURCE: "Git source" => "Git 소스",
    REPO_URL: "Repository URL" => "저장소 URL",
    TARGET_REVISION: "Target revision" => "대상 리비전",
    CHART_PATH: "Chart path" => "차트 경로",
    IMAGE_REGISTRY: "Image registry" => "이미지 레지스트리",
    REGISTRY_SITE: "Registry site" => "레지스트리 사이트",
    REGISTRY_HOST: "Registry host" => "레지스트리 호스트",
    INFRA: "Infrastructure overrides" => "인프라 재정의",
    POSTGRES_HOST: "PostgreSQL host" => "PostgreSQL 호스트",
    REDIS_HOST: "Redis host" => "Redis 호스트",
    QDRANT_HOST: "Qdrant host" => "Qdrant 호스트",
    MINIO_ENDPOINT: "MinIO endpoint" => "MinIO 엔드포인트",
    VARIABLES: "Variables (every service's ConfigMap)" => "변수 (모든 서비스의 ConfigMap)",
    VALUE: "Value" => "값",
    REMOVE: "Remove" => "삭제",
    REMOVE_VARIABLE: "Remove variable {name}" => "변수 {name} 삭제",
    ADD_VARIABLE: "Add variable" => "변수 추가",

    // Environments.
    ENV_EXISTS: "There is already an environment `{name}`." => "`{name}` 환경이 이미 있습니다.",
    MOVE_UP: "Move {name} up" => "{name} 위로 이동",
    MOVE_DOWN: "Move {name} down" => "{name} 아래로 이동",
    REMOVE_ENV: "Remove environment {name}" => "{name} 환경 삭제",
    CLUSTER_SERVER: "Cluster server" => "클러스터 서버",
    NEW_ENV: "New environment" => "새 환경",
    ADD_ENV: "Add environment" => "환경 추가",

    // Services.
    SERVICES_IN: "Services in {env}" => "{env}의 서비스",
    SHARED_SERVICES: "This environment deploys the top-level services list; edits here apply to every environment that shares it."
        => "이 환경은 최상위 services 목록을 배포합니다. 여기서 고치면 그 목록을 함께 쓰는 모든 환경에 적용됩니다.",
    REMOVE_SERVICE: "Remove service {name}" => "{name} 서비스 삭제",
    RECEIVES_DOMAIN: "Receives the domain" => "도메인 받기",
    NO_NOT_SET: "no (not set)" => "아니요 (미설정)",
    FROM_CHART: "chart" => "차트 값",
    FROM_PROJECT: "project's" => "프로젝트 값",
    MIN_REPLICAS: "Min replicas" => "최소 레플리카",
    MAX_REPLICAS: "Max replicas" => "최대 레플리카",
    MEMORY_REQUEST: "Memory request" => "메모리 요청",
    CPU_REQUEST: "CPU request" => "CPU 요청",
    MEMORY_LIMIT: "Memory limit" => "메모리 제한",
    CPU_LIMIT: "CPU limit" => "CPU 제한",
    STANDARD_SERVICE: "Standard service" => "표준 서비스",
    OR_NEW_NAME: "or a new name" => "또는 새 이름",
    ADD_SERVICE: "Add service" => "서비스 추가",

    // Routes.
    ROUTES_IN: "Routes in {env}" => "{env}의 라우트",
    NO_INGRESS: "No service in this environment has ingress enabled, so nothing is routed from outside."
        => "이 환경에는 ingress가 켜진 서비스가 없어 외부에서 들어오는 요청이 라우팅되지 않습니다.",
    EDITED_IN: "Edited in" => "편집하는 파일:",
    ROUTES_ORDER: "Shared by every environment that deploys it. Rules match in order; the first match wins."
        => "이 파일을 배포하는 모든 환경이 함께 씁니다. 규칙은 순서대로 비교하며 처음 맞는 규칙이 이깁니다.",
    SSE_ROUTES: "SSE streams served by the frontend itself" => "프런트엔드가 직접 제공하는 SSE 스트림",
    PATH_PREFIX: "Path prefix" => "경로 접두사",
    MOVE_SSE_UP: "Move SSE route {n} up" => "SSE 라우트 {n} 위로 이동",
    MOVE_SSE_DOWN: "Move SSE route {n} down" => "SSE 라우트 {n} 아래로 이동",
    REMOVE_SSE: "Remove SSE route {n}" => "SSE 라우트 {n} 삭제",
    ADD_SSE: "Add SSE route" => "SSE 라우트 추가",
    API_ROUTES: "API routes" => "API 라우트",
    DRAG_TO_REORDER: "Drag to reorder" => "끌어서 순서 바꾸기",
    MATCH: "Match" => "매치 방식",
    PATH: "Path" => "경로",
    NOT_IN_ENV: "{name} (not in this environment)" => "{name} (이 환경에 없음)",
    PORT: "Port" => "포트",
    MOVE_ROUTE_UP: "Move route {n} up" => "라우트 {n} 위로 이동",
    MOVE_ROUTE_DOWN: "Move route {n} down" => "라우트 {n} 아래로 이동",
    REMOVE_ROUTE: "Remove route {n}" => "라우트 {n} 삭제",
    ADD_API_ROUTE: "Add API route" => "API 라우트 추가",
    THEN_DEFAULT: "Then: everything else goes to {service}." => "그다음: 나머지는 모두 {service}(으)로 갑니다.",

    // Traffic policy.
    POLICY_OF: "Policy of" => "정책 대상",
    PROJECT_DEFAULT_FILE: "Project default ({file})" => "프로젝트 기본값 ({file})",
    OWN_POLICY: "{name}: its own policy" => "{name}: 자체 정책",
    USES_DEFAULT: "{name}: uses the default" => "{name}: 기본값 사용",
    DESTINATION_RULE: "DestinationRule" => "DestinationRule 만들기",
    AS_CHART_ON: "as the chart (on)" => "차트대로 (켜짐)",
    DEPRECATED_POLICY: "This policy uses deprecated settings (LEAST_CONN, warmupDurationSecs)."
        => "이 정책은 사용 중단된 설정(LEAST_CONN, warmupDurationSecs)을 씁니다.",
    CONVERT_DEPRECATED: "Convert deprecated settings" => "사용 중단된 설정 변환",
    USES_PROJECT_DEFAULT: "This service uses the project default." => "이 서비스는 프로젝트 기본값을 씁니다.",
    GIVE_OWN_POLICY: "Give it its own policy" => "자체 정책 만들기",
    USE_PROJECT_DEFAULT: "Use the project default instead" => "대신 프로젝트 기본값 사용",
    NOT_SET: "(not set)" => "(미설정)",
    DEPRECATED: "{name} (deprecated)" => "{name} (사용 중단)",
    POOL_TCP: "Connection pool: TCP" => "연결 풀: TCP",
    POOL_HTTP: "Connection pool: HTTP" => "연결 풀: HTTP",
    LOAD_BALANCER: "Load balancer" => "로드 밸런서",
    OUTLIER_DETECTION: "Outlier detection" => "이상값 감지",
    MAX_CONNECTIONS: "Max connections" => "최대 연결 수",
    CONNECT_TIMEOUT: "Connect timeout" => "연결 타임아웃",
    KEEPALIVE_TIME: "Keepalive time" => "Keepalive 시간",
    KEEPALIVE_INTERVAL: "Keepalive interval" => "Keepalive 간격",
    KEEPALIVE_PROBES: "Keepalive probes" => "Keepalive 프로브 수",
    H2_UPGRADE: "HTTP/2 upgrade" => "HTTP/2 업그레이드",
    MAX_PENDING: "Max pending HTTP/1 requests" => "대기 중인 HTTP/1 요청 최대 수",
    MAX_H2: "Max HTTP/2 requests" => "HTTP/2 요청 최대 수",
    MAX_PER_CONNECTION: "Max requests per connection" => "연결당 최대 요청 수",
    MAX_RETRIES: "Max retries" => "최대 재시도 횟수",
    IDLE_TIMEOUT: "Idle timeout" => "유휴 타임아웃",
    ALGORITHM: "Algorithm" => "알고리즘",
    WARMUP: "Warm-up duration" => "워밍업 시간",
    CONSECUTIVE_5XX: "Consecutive 5xx errors" => "연속 5xx 오류 수",
    INTERVAL: "Interval" => "검사 간격",
    BASE_EJECTION: "Base ejection time" => "기본 제외 시간",
    MAX_EJECTION: "Max ejection percent" => "최대 제외 비율(%)",

    // Alerts.
    ALERTS_HELP: "Grafana and Prometheus files for every environment are in the preview under observability/. Settings are kept in xgen-studio.yaml."
        => "모든 환경의 Grafana·Prometheus 파일은 미리 보기의 observability/ 아래에 있습니다. 설정은 xgen-studio.yaml에 저장됩니다.",
    RULE_GROUP: "Rule group" => "규칙 그룹",
    GROUP: "Group" => "그룹",
    FOLDER: "Folder" => "폴더",
    EVALUATED_EVERY: "Evaluated every" => "평가 주기",
    SCRAPE_INTERVAL: "Scrape interval" => "수집 주기",
    RETENTION: "Retention" => "보존 기간",
    RETENTION_HELP: "How long each store keeps data, in every environment: under observability/ as prometheus/deployment-patch.yaml, loki/retention.yaml and tempo/retention.yaml."
        => "각 저장소가 데이터를 보관하는 기간(모든 환경 공통)입니다. observability/ 아래 prometheus/deployment-patch.yaml, loki/retention.yaml, tempo/retention.yaml에 들어갑니다.",
    RETENTION_METRICS: "Metrics (Prometheus)" => "메트릭 (Prometheus)",
    RETENTION_LOGS: "Logs (Loki)" => "로그 (Loki)",
    RETENTION_TRACES: "Traces (Tempo, in hours)" => "트레이스 (Tempo, 시간 단위)",
    RULE_ON: "On" => "켜기",
    SEVERITY: "Severity" => "심각도",
    FOR: "For" => "지속 시간 (for)",
    THRESHOLD_MEMORY: "Memory above (% of limit)" => "메모리 사용률 초과 (제한의 %)",
    THRESHOLD_RESTARTS: "Restarts, at least" => "재시작 횟수 (이상)",
    THRESHOLD_ERRORS: "5xx share above (%)" => "5xx 비율 초과 (%)",
    THRESHOLD_LATENCY: "p95 latency above (ms)" => "p95 지연 시간 초과 (ms)",
    WINDOW: "Window" => "측정 구간",
    MIN_RATE: "Only above (requests/s)" => "초당 요청이 이보다 많을 때만",
    EXCLUSIONS: "Leave out (LLM calls are slow by design)" => "제외할 서비스 (LLM 호출은 원래 느립니다)",
    PROMQL_GENERATED: "Generated from the settings above. Edit to write your own." => "위 설정에서 만든 식입니다. 고치면 직접 쓴 식이 됩니다.",
    PROMQL_CHECKING: "Hand-written. Checking the PromQL…" => "직접 쓴 식입니다. PromQL을 검사하는 중…",
    PROMQL_PARSES: "Hand-written and parses. The settings above no longer change it." => "직접 쓴 식이며 문법이 올바릅니다. 이제 위 설정은 이 식을 바꾸지 않습니다.",
    PROMQL_REFUSED: "Does not parse: {error}" => "문법 오류: {error}",
    PROMQL_UNAVAILABLE: "Hand-written; not checked here ({error}). `xgen-studio lint` checks it." => "직접 쓴 식이지만 여기서는 검사하지 못했습니다 ({error}). `xgen-studio lint`가 검사합니다.",
    USE_GENERATED: "Use the generated expression" => "자동 생성된 식 사용",
    CONTACT_POINT_FOR: "Slack contact point for {env}" => "{env}의 Slack 연락 지점",
    CHANNEL: "Channel" => "채널",
    WEBHOOK_URL: "Webhook URL (a secret: keep a placeholder)" => "Webhook URL (시크릿이니 자리표시자로 두세요)",
    TITLE_PREFIX: "Title prefix" => "제목 접두사",
    RESOLVED_PREFIX: "Resolved prefix" => "해결 알림 접두사",
    NOTIFICATION_POLICY: "Notification policy" => "알림 정책",
    SENDS_TO: "Sends to {receiver}." => "{receiver}(으)로 보냅니다.",
    GROUP_BY: "Group by (comma-separated)" => "묶는 기준 (쉼표로 구분)",
    GROUP_WAIT: "Group wait" => "그룹 대기",
    GROUP_INTERVAL: "Group interval" => "그룹 간격",
    REPEAT_INTERVAL: "Repeat interval" => "반복 간격",

    // Simulator.
    ROUTE_SIMULATOR: "Route simulator" => "라우트 시뮬레이터",
    ENV_FROM_HOST: "Environment {env}, from the host." => "환경 {env} (호스트로 결정)",
    ENV_FROM_SWITCH: "Environment {env}, from the switch above." => "환경 {env} (위쪽 선택으로 결정)",
    SSE_PASSTHROUGH: "SSE passthrough" => "SSE 그대로 전달",
    API_ROUTE: "API route" => "API 라우트",
    DEFAULT_ROUTE: "default route" => "기본 라우트",
    NO_ROUTE: "no route" => "라우트 없음",
    RULE_N: "rule {n}, {kind}" => "규칙 {n}, {kind}",
    APPLICATION: "Application" => "Argo CD 애플리케이션",
    DEPLOYMENT: "Deployment" => "디플로이먼트",
    EJECTABLE: "Pods outlier detection may eject" => "이상값 감지로 제외될 수 있는 파드 수",
    DEFAULT_LB: "LEAST_REQUEST (Istio's default)" => "LEAST_REQUEST (Istio 기본값)",
    NO_OUTLIER_DETECTION: "no outlier detection" => "이상값 감지 없음",
    WHY: "Why" => "이유",
    ROUTING: "Routing" => "라우팅",
    VS_RULES: "Rules of the VirtualService" => "VirtualService의 규칙",
    EVERYTHING_ELSE: "everything else" => "나머지 전부",
    ANY_PATH: "any path" => "모든 경로",
    OR: "{a} or {b}" => "{a} 또는 {b}",
    ROUTE_TESTS: "Route tests" => "라우트 테스트",
    ROUTE_TESTS_HELP: "Saved in xgen-studio.yaml and run on every edit; xgen-studio test-routes runs them in CI."
        => "xgen-studio.yaml에 저장되고 편집할 때마다 실행됩니다. CI에서는 xgen-studio test-routes가 실행합니다.",
    EXPECTED_SERVICE: "Expected service" => "기대하는 서비스",
    PORT_OPTIONAL: "Port (optional)" => "포트 (선택)",
    REMOVE_TEST: "Remove route test {n}" => "라우트 테스트 {n} 삭제",
    PASS: "PASS" => "통과",
    FAIL: "FAIL" => "실패",
    TESTS_SUMMARY: "{passed} passed, {failed} failed" => "통과 {passed}개, 실패 {failed}개",
    ADD_TEST: "Add this URL as a route test" => "이 URL을 라우트 테스트로 추가",
    NO_VS: "No VirtualService to draw." => "그릴 VirtualService가 없습니다.",
    DIAGRAM_REGION: "Routing diagram (scrolls)" => "라우팅 다이어그램 (스크롤 가능)",
    DIAGRAM: "Routing diagram: host, gateway, rules in order, services" => "라우팅 다이어그램: 호스트, 게이트웨이, 순서대로 규칙, 서비스",
}

/// Each check code's title: what the problem is, in a few words.
pub const CHECK_TITLES: &[(&str, Text)] = &[
    (
        "XS101",
        Text {
            key: "XS101",
            en: "Route to a service not deployed here",
            ko: "이 환경에 배포되지 않은 서비스로 가는 라우트",
        },
    ),
    (
        "XS102",
        Text {
            key: "XS102", en: "Route port differs from the service's port", ko: "서비스 포트와 다른 라우트 포트"
        },
    ),
    ("XS103", Text { key: "XS103", en: "Rule that never matches", ko: "절대 매치되지 않는 규칙" }),
    (
        "XS104",
        Text {
            key: "XS104", en: "Regex under an earlier prefix", ko: "앞선 접두사 규칙에 가려지는 정규식"
        },
    ),
    ("XS105", Text { key: "XS105", en: "Same match twice", ko: "같은 매치가 두 번" }),
    ("XS106", Text { key: "XS106", en: "Path that does not start with /", ko: "/로 시작하지 않는 경로" }),
    ("XS107", Text { key: "XS107", en: "Regex that is not RE2", ko: "RE2 문법이 아닌 정규식" }),
    ("XS108", Text { key: "XS108", en: "hasDomain service without a domain", ko: "도메인 없는 hasDomain 서비스" }),
    (
        "XS201",
        Text {
            key: "XS201", en: "Environment and destination do not pair", ko: "환경과 destination이 짝이 맞지 않음"
        },
    ),
    (
        "XS202",
        Text {
            key: "XS202", en: "Values file overrides the project", ko: "values 파일이 프로젝트 설정을 덮어씀"
        },
    ),
    (
        "XS203",
        Text {
            key: "XS203", en: "Invalid or repeated service name", ko: "잘못되었거나 중복된 서비스 이름"
        },
    ),
    ("XS204", Text { key: "XS204", en: "minReplicas above maxReplicas", ko: "minReplicas가 maxReplicas보다 큼" }),
    ("XS205", Text { key: "XS205", en: "maxReplicas is 0", ko: "maxReplicas가 0" }),
    (
        "XS206",
        Text {
            key: "XS206", en: "Replicas outside the autoscaling range", ko: "오토스케일링 범위를 벗어난 레플리카"
        },
    ),
    ("XS207", Text { key: "XS207", en: "Request above its limit", ko: "제한보다 큰 요청량" }),
    ("XS208", Text { key: "XS208", en: "Quantity Kubernetes cannot parse", ko: "Kubernetes가 읽지 못하는 수량" }),
    ("XS209", Text { key: "XS209", en: "Invalid values file name", ko: "잘못된 values 파일 이름" }),
    (
        "XS210",
        Text {
            key: "XS210", en: "Name Kubernetes or Argo CD refuses", ko: "Kubernetes나 Argo CD가 거부하는 이름"
        },
    ),
    ("XS301", Text { key: "XS301", en: "Invalid traffic-policy duration", ko: "잘못된 트래픽 정책 시간 값" }),
    ("XS302", Text { key: "XS302", en: "Percentage outside 0–100", ko: "0–100을 벗어난 비율" }),
    ("XS303", Text { key: "XS303", en: "Deprecated LEAST_CONN", ko: "사용 중단된 LEAST_CONN" }),
    ("XS304", Text { key: "XS304", en: "Deprecated warmupDurationSecs", ko: "사용 중단된 warmupDurationSecs" }),
    (
        "XS305",
        Text {
            key: "XS305", en: "Outlier detection that never ejects", ko: "파드를 제외할 수 없는 이상값 감지"
        },
    ),
    ("XS306", Text { key: "XS306", en: "Empty connection pool", ko: "비어 있는 연결 풀" }),
    ("XS401", Text { key: "XS401", en: "Alert threshold out of range", ko: "범위를 벗어난 알림 임계값" }),
    (
        "XS402",
        Text {
            key: "XS402", en: "Invalid duration in the alert settings", ko: "알림 설정의 잘못된 시간 값"
        },
    ),
    ("XS403", Text { key: "XS403", en: "Excluded service does not exist", ko: "존재하지 않는 제외 서비스" }),
    (
        "XS404",
        Text {
            key: "XS404", en: "Memory alert without a memory limit", ko: "메모리 제한 없는 메모리 알림"
        },
    ),
    (
        "XS405",
        Text {
            key: "XS405", en: "Policy receiver is not a contact point", ko: "연락 지점이 아닌 정책 수신자"
        },
    ),
    ("XS406", Text { key: "XS406", en: "PromQL that does not parse", ko: "문법이 틀린 PromQL" }),
    ("XS501", Text { key: "XS501", en: "Secret in plain text", ko: "평문으로 적힌 시크릿" }),
];
