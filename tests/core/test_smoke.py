def test_the_home_page_says_what_razem_is_and_offers_to_sign_up(client, db):
    response = client.get("/")

    assert response.status_code == 200
    assert "Co dzieje się we współpracy miasta i organizacji pozarządowych" in response.text
    assert 'href="/konto/rejestracja/"' in response.text
