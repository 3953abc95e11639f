"""Joining is idempotent (the same device is the same participant, however its answers are lost
or raced) and join codes cannot be guessed (wrong codes are limited per address and in total),
through the real server on loopback; the model's side on a real SQLite file."""

from __future__ import annotations

import shutil
import threading

import httpx
import pytest
from test_web_support import start_server

from facilitator.model.errors import InvalidInput
from facilitator.model.runs import ROOM_CODE_ALPHABET, ROOM_CODE_LENGTH, spaced_room_code
from facilitator.model.service import open_model
from facilitator.web.security import RateLimiter, WrongCodes

DEVICE = "3f9c0a7e5b1d4c2a8e6f0b9d7c5a3e1f"


@pytest.fixture
def server(model, demo_run):
    srv = start_server(model, demo_run.id)
    yield srv
    srv.stop()


def client_from(server, address: str = "127.0.0.1") -> httpx.Client:
    """A phone without a cookie, its requests coming from ``address`` (any of 127.0.0.0/8)."""
    transport = httpx.HTTPTransport(local_address=address)
    return httpx.Client(base_url=server.room_url, transport=transport, timeout=10)


def join(server, key: str, address: str = "127.0.0.1", **body) -> httpx.Response:
    with client_from(server, address) as phone:
        return phone.post("/api/join", json={"key": key, **body})


# -- the same device is the same participant ---------------------------------------------------
def test_a_join_whose_answer_was_lost_gives_the_same_participant(server, model, demo_run):
    # GIVEN a phone whose first join reached the laptop but whose answer never came back
    lost = join(server, demo_run.join_key, device=DEVICE)
    assert lost.status_code == 200
    # WHEN it joins again from the same device, without the cookie it never received
    again = join(server, demo_run.join_key, device=DEVICE)
    # THEN it is the same participant, with a new token; the lost one no longer works
    assert again.json()["participant"] == lost.json()["participant"]
    assert again.json()["token"] != lost.json()["token"]
    assert [p.id for p in model.runs.participants(demo_run.id)] == [
        lost.json()["participant"]["id"]
    ]
    with httpx.Client(base_url=server.room_url) as script:
        old = {"Authorization": f"Bearer {lost.json()['token']}"}
        new = {"Authorization": f"Bearer {again.json()['token']}"}
        assert script.get("/api/state", headers=old).status_code == 403
        assert script.get("/api/state", headers=new).json()["me"] == again.json()["participant"]


def test_sixty_phones_that_each_retry_make_sixty_participants(server, model, demo_run):
    # GIVEN 60 phones, each of which sends its join twice (the first answer lost)
    for n in range(60):
        for _ in range(2):
            assert join(server, demo_run.join_key, device=f"phone-{n}").status_code == 200
    # THEN the room has 60 participants, not 61 or 120
    assert model.runs.participant_count(demo_run.id) == 60


def test_without_a_device_every_join_is_someone_new(server, model, demo_run):
    first = join(server, demo_run.join_key).json()["participant"]
    second = join(server, demo_run.join_key).json()["participant"]
    assert first["id"] != second["id"] and model.runs.participant_count(demo_run.id) == 2


@pytest.mark.parametrize("device", ["", "x" * 65, "has space", "<b>", 12, ["a"]])
def test_a_bad_device_id_gets_a_sentence(server, model, demo_run, device):
    answer = join(server, demo_run.join_key, device=device)
    assert answer.status_code == 422 and answer.json()["error"].endswith(").")
    assert model.runs.participant_count(demo_run.id) == 0


def test_joins_at_the_same_instant_from_one_device_give_one_participant(server, model, demo_run):
    # GIVEN a phone that fires its join eight times at once (a retry storm)
    barrier = threading.Barrier(8)
    answers: list[dict] = []

    def fire():
        barrier.wait()
        answers.append(join(server, demo_run.join_key, device=DEVICE).json())

    threads = [threading.Thread(target=fire) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # THEN every answer names one participant, and only the last token handed out works
    assert len({a["participant"]["id"] for a in answers}) == 1
    assert model.runs.participant_count(demo_run.id) == 1
    working = [a for a in answers if model.runs.participant_by_token(demo_run.id, a["token"])]
    assert len(working) == 1


def test_two_connections_to_one_file_racing_one_device_make_one_participant(data_dir, demo_run):
    # GIVEN two models on the same database file (their own connections and write locks)
    models = [open_model(data_dir) for _ in range(2)]
    barrier = threading.Barrier(2)

    def joins(m):
        barrier.wait()
        for _ in range(20):
            m.runs.join(demo_run.id, device=DEVICE)

    threads = [threading.Thread(target=joins, args=(m,)) for m in models]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # THEN forty joins from one device made one participant
    assert models[0].runs.participant_count(demo_run.id) == 1
    for m in models:
        m.close()


def test_the_model_refuses_a_malformed_device_id(model, demo_run):
    with pytest.raises(InvalidInput, match="device id"):
        model.runs.join(demo_run.id, device="not/allowed")


def test_the_same_device_in_another_run_is_someone_else(model, demo_run):
    other = model.runs.start(demo_run.source_workshop_id)
    here, _ = model.runs.join(demo_run.id, device=DEVICE)
    there, _ = model.runs.join(other.id, device=DEVICE)
    assert here.id != there.id and here.run_id != there.run_id


# -- wrong codes are limited ---------------------------------------------------------------------
def test_wrong_codes_from_one_address_get_429_while_others_still_join(server, demo_run):
    # GIVEN a server that lets an address get 3 codes wrong (and hardly refills)
    server.context.wrong_codes = WrongCodes(
        per_address=RateLimiter(burst=3, rate=0.001), total=RateLimiter(burst=100, rate=1)
    )
    guesser = "127.0.0.2"
    # WHEN one address guesses room codes
    codes = [join(server, f"AAA{n:03d}", guesser).status_code for n in range(3)]
    refused = join(server, "ZZZZZZ", guesser)
    # THEN its first guesses are told they are wrong, then it is told to wait, in a sentence
    assert codes == [403, 403, 403]
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1
    assert "Too many wrong codes" in refused.json()["error"]
    # and even the right room code is refused from there (else the limit would slow nothing)
    assert join(server, demo_run.room_code, guesser).status_code == 429
    # but the QR code's key still joins from that address, and the room code from another
    assert join(server, demo_run.join_key, guesser).status_code == 200
    assert join(server, spaced_room_code(demo_run.room_code), "127.0.0.3").status_code == 200


def test_wrong_codes_from_many_addresses_hit_the_limit_for_everyone(server, demo_run):
    # GIVEN a server whose whole room may get 4 codes wrong
    server.context.wrong_codes = WrongCodes(
        per_address=RateLimiter(burst=100, rate=1), total=RateLimiter(burst=4, rate=0.001)
    )
    # WHEN four addresses each try one wrong code
    tries = [join(server, "WRONG1", f"127.0.0.{10 + n}").status_code for n in range(4)]
    assert tries == [403] * 4
    # THEN a fifth address is told to wait, and the QR code's key still works for anyone
    fifth = join(server, "WRONG2", "127.0.0.20")
    assert fifth.status_code == 429 and "retry-after" in fifth.headers
    assert join(server, demo_run.join_key, "127.0.0.21").status_code == 200


def test_the_limit_refills_with_time(server, demo_run):
    # GIVEN a limiter on a clock the test moves: 2 wrong codes, then one every 30 s
    now = [1000.0]
    server.context.wrong_codes = WrongCodes(
        per_address=RateLimiter(burst=2, rate=1 / 30, clock=lambda: now[0]),
        total=RateLimiter(burst=100, rate=1, clock=lambda: now[0]),
    )
    assert [join(server, "NOPE00").status_code for _ in range(3)] == [403, 403, 429]
    assert join(server, "NOPE00").headers["retry-after"] == "30"
    # WHEN 30 s pass
    now[0] += 30
    # THEN the right room code joins and costs nothing; one more wrong code is weighed
    assert join(server, demo_run.room_code).status_code == 200
    assert [join(server, "NOPE00").status_code for _ in range(2)] == [403, 429]


def test_loopback_is_not_exempt_from_the_default_limit(server, demo_run):
    tries = [join(server, f"BAD{n:03d}").status_code for n in range(11)]
    assert tries == [403] * 10 + [429]
    assert join(server, demo_run.join_key).status_code == 200


def test_the_room_code_is_too_long_to_guess_at_the_allowed_rate(demo_run):
    # THEN the code has six characters of the unambiguous alphabet, shown as "ABC DEF"
    code = demo_run.room_code
    assert len(code) == ROOM_CODE_LENGTH == 6 and set(code) <= set(ROOM_CODE_ALPHABET)
    assert spaced_room_code(code) == f"{code[:3]} {code[3:]}"
    # and at the room's allowed rate, finding it takes years on average
    total = WrongCodes().total
    years = len(ROOM_CODE_ALPHABET) ** ROOM_CODE_LENGTH / 2 / total.rate / (365 * 24 * 3600)
    assert total.rate <= 1 and years > 15


# -- the page ----------------------------------------------------------------------------------
@pytest.mark.skipif(not shutil.which("chromium"), reason="needs Debian's chromium")
def test_the_page_that_lost_its_cookie_comes_back_as_the_same_person(browser, server, model):
    # GIVEN a phone that joined from the QR code
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(server.join_url)
        page.get_by_text("You are").wait_for()
        name = page.locator("#who-text b").inner_text()
        # WHEN its cookie is lost (the join's answer never arrived) and it opens the code again
        context.clear_cookies()
        page.goto(server.join_url)
        page.get_by_text("You are").wait_for()
        # THEN it is the same person: its device id stayed in local storage
        assert page.locator("#who-text b").inner_text() == name
        assert [p.name for p in model.runs.participants(server.run_id)] == [name]
    finally:
        context.close()
